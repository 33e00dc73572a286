import type { Route } from '../adapters/web/http-server.js';
import type { HotlineApp } from '../core/app/hotline-app.js';
import type { ChannelPort } from '../core/ports/channel-port.js';
import type { SendLimit } from '../jobs/send-worker.js';

export type ChannelState = 'online' | 'connecting' | 'offline' | 'logged-out';

/** A chat channel as the process runs it: its port for the core, plus its lifecycle. */
export interface ChannelRuntime {
  readonly port: ChannelPort;
  /** How fast the send worker may deliver on this channel (protects the account). */
  readonly sendLimit: SendLimit;
  /** HTTP routes the channel serves (e.g. a webhook), mounted on the process's server. */
  readonly routes?: readonly Route[];
  /** Starts receiving; every inbound message goes to `app.receive`. */
  start(app: HotlineApp): Promise<void>;
  stop(): Promise<void>;
  status(): { readonly state: ChannelState; readonly detail?: string };
  /** Whether sends can go out now; while false the send worker is paused (e.g. WeChat logged out). */
  canSend?(): boolean;
  /** Called when canSend changes, so the send worker can be paused and resumed. */
  onSendability?(listener: (canSend: boolean) => void): void;
}
