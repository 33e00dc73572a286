import { decodeWebKey, encodeWebKey } from '../../../adapters/web/web-keys.js';
import { conversationKeyContract } from '../../support/conversation-key-contract.js';

conversationKeyContract({
  channel: 'web',
  encode: encodeWebKey,
  decode: decodeWebKey,
  samples: ['r-1', 'dept-zjj', 'staff', '8f14e45f-ceea-467f-a0e6-2f2b0a1a3c55', '居民-张三', 'a:b'],
});
