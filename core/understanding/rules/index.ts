/** The rule layer of understanding: pure functions over a resident's text, no I/O. */
export { detectAppealType } from './appeal-type.js';
export { type BankCardMatch, findBankCards, luhnValid } from './bank-cards.js';
export { type CueGuard, type CueHit, findCue, findCues } from './cue-pattern.js';
export { detectEmergency, type Emergency } from './emergency.js';
export { detectFlags } from './flags.js';
export { detectMode } from './handling-mode.js';
export { findIdNumbers, type IdNumberMatch, idChecksumValid } from './id-numbers.js';
export { findPhones, maskPhone, type PhoneMatch } from './phones.js';
export { findPlace } from './place.js';
export { ID_NUMBER_PLACEHOLDER, redactSensitive } from './redact.js';
export { parseTimeExpression, type TimeExpression } from './time-expression.js';
export { detectUrgency, type UrgencyResult } from './urgency.js';
