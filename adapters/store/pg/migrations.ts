/**
 * Versioned schema migrations, applied in order once each. The application's tables live in the
 * `hotline` schema with qualified names, so they land in the same place on a server and on the
 * embedded database (whose shared session has `search_path` set for BullMQ).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'work orders, timeline, conversations, inbox, outbox',
    sql: `
CREATE TABLE hotline.tickets (
  number text PRIMARY KEY,
  channel text NOT NULL,
  resident_ref text NOT NULL,
  department text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX tickets_resident ON hotline.tickets (channel, resident_ref, created_at DESC);
CREATE INDEX tickets_department ON hotline.tickets (department, status);
CREATE INDEX tickets_created ON hotline.tickets (created_at);

CREATE TABLE hotline.ticket_events (
  id bigserial PRIMARY KEY,
  number text NOT NULL REFERENCES hotline.tickets (number),
  type text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL,
  note text,
  data jsonb
);
CREATE INDEX ticket_events_number ON hotline.ticket_events (number, id);

CREATE TABLE hotline.ticket_counters (
  day text PRIMARY KEY,
  n integer NOT NULL
);

CREATE TABLE hotline.conversations (
  key text PRIMARY KEY,
  state jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hotline.inbound (
  seq bigserial PRIMARY KEY,
  channel text NOT NULL,
  message_id text NOT NULL,
  conversation text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (channel, message_id)
);
CREATE INDEX inbound_pending ON hotline.inbound (conversation, seq) WHERE processed_at IS NULL;

CREATE TABLE hotline.outbox (
  id bigserial PRIMARY KEY,
  item jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  relayed_at timestamptz,
  delivered_at timestamptz
);
CREATE INDEX outbox_unrelayed ON hotline.outbox (id) WHERE relayed_at IS NULL;

CREATE TABLE hotline.web_messages (
  id bigserial PRIMARY KEY,
  chat text NOT NULL,
  body jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  outbox_key text UNIQUE
);
CREATE INDEX web_messages_chat ON hotline.web_messages (chat, id);
`,
  },
  {
    version: 2,
    name: 'feishu cards posted per chat and order, to update them in place',
    sql: `
CREATE TABLE hotline.feishu_cards (
  chat_id text NOT NULL,
  ticket text NOT NULL,
  message_id text NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chat_id, ticket)
);
`,
  },
  {
    version: 3,
    name: 'audit log: who read or exported personal data, and when',
    sql: `
CREATE TABLE hotline.audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  detail jsonb
);
CREATE INDEX audit_log_at ON hotline.audit_log (at);
`,
  },
  {
    version: 4,
    name: 'feishu event ids seen, shared by every gateway',
    sql: `
CREATE TABLE hotline.feishu_events (
  scope text NOT NULL,
  event_id text NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (scope, event_id)
);
CREATE INDEX feishu_events_seen_at ON hotline.feishu_events (seen_at);
`,
  },
  {
    version: 5,
    name: 'the outbox relay lease: one relay at a time moves the outbox, across processes',
    sql: `
CREATE TABLE hotline.relay_lease (
  name text PRIMARY KEY,
  holder text,
  expires_at timestamptz
);
INSERT INTO hotline.relay_lease (name) VALUES ('outbox');
`,
  },
];
