import type { NotificationRecord } from '@aiops/contracts';
import type { NotificationMessage } from './notification-message';

export type ChannelName = Exclude<NotificationRecord['channel'], 'log'>;

/**
 * Something that carries a notification to people. `send` resolves with a line saying what was delivered, or
 * throws a NotifyError saying whether a retry can help.
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(message: NotificationMessage): Promise<string>;
}
