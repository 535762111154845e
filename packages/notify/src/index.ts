export type { ChannelName, NotificationChannel } from './channel';
export { describeResource, describeTarget } from './describe';
export { renderDiff } from './diff';
export { type NotifyEnv, NotifyEnvSchema, notifierOptionsFromEnv } from './env';
export {
  NotifyConfigError,
  NotifyError,
  NotifyRateLimitedError,
  NotifyRejectedError,
  NotifyTransientError,
} from './errors';
export { type FeishuCard, LEVEL_COLOURS, renderCard } from './feishu/card';
export { createFeishuChannel, type FeishuChannelOptions } from './feishu/channel';
export { FEISHU_MAX_BODY_BYTES, FEISHU_RATE_LIMIT, feishuQueueLimiter } from './feishu/limits';
export { FEISHU_CODES, readFeishuAnswer } from './feishu/response';
export { feishuSign, signatureFields } from './feishu/sign';
export { CUT_MARK, fitMessage } from './feishu/size-limit';
export { renderText } from './feishu/text';
export { humanHelpFor } from './human-help';
export { eventForIncident, type NotifyTrigger } from './incident-event';
export { type Claim, type LedgerOptions, NotificationLedger, type SentEntry } from './ledger';
export {
  decideLevel,
  LEVEL_RULES,
  type LevelDecision,
  type LevelRule,
  manualLevel,
  type SendRule,
} from './levels';
export {
  type ManualNotification,
  ManualNotificationSchema,
  type ManualType,
  type ManualUrgency,
  manualEventFor,
  manualNotificationFromRequest,
} from './manual-notification';
export {
  buildIncidentMessage,
  buildManualMessage,
  incidentNotificationKey,
  incidentUrl,
  type MessageContext,
  TOP_CAUSES,
} from './message';
export * from './notification-message';
export { createNotifier, type Notifier, type NotifierOptions } from './notifier';
export { notifyQueueLimiter } from './queue-limiter';
export { createWebhookChannel, type WebhookChannelOptions } from './webhook/channel';
export {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
  type WebhookVerification,
} from './webhook/signature';
