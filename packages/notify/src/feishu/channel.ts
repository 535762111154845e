import type { NotificationChannel } from '../channel';
import { NotifyRejectedError } from '../errors';
import { postJson } from '../http';
import type { NotificationMessage } from '../notification-message';
import { renderCard } from './card';
import { FEISHU_MAX_BODY_BYTES } from './limits';
import { FEISHU_CODES, readFeishuAnswer } from './response';
import { signatureFields } from './sign';
import { fitMessage } from './size-limit';
import { renderText } from './text';

export interface FeishuChannelOptions {
  /** The custom bot's hook URL (open.feishu.cn or open.larksuite.com). */
  webhookUrl: string;
  /** The bot's signing secret, when signature verification is on. */
  secret?: string;
  /** One of the bot's keywords, when keyword checking is on; every message carries it. */
  keyword?: string;
  timeoutMs: number;
  /** How long to wait when Feishu throttles without saying how long (it never says). */
  rateLimitRetryMs: number;
  maxBodyBytes?: number;
}

type FeishuBody = Record<string, unknown>;

/**
 * Sends notifications to a Feishu (Lark) custom bot as interactive cards, cut to fit the body limit, and as
 * plain text when Feishu refuses the card.
 */
export function createFeishuChannel(options: FeishuChannelOptions): NotificationChannel {
  const maxBytes = options.maxBodyBytes ?? FEISHU_MAX_BODY_BYTES;

  // Signed at the moment of sending, so the timestamp is fresh; measured with the signature included.
  const fitted = (message: NotificationMessage, render: (m: NotificationMessage) => FeishuBody) => {
    const signed = signatureFields(options.secret);
    const serialise = (m: NotificationMessage) => JSON.stringify({ ...signed, ...render(m) });
    const fit = fitMessage(message, (m) => Buffer.byteLength(serialise(m)), maxBytes);
    const body = serialise(fit);
    return { body, size: `${Buffer.byteLength(body)} bytes${fit.truncated ? ', cut to fit' : ''}` };
  };
  const post = async (body: string) =>
    readFeishuAnswer(
      await postJson(options.webhookUrl, body, {}, options.timeoutMs),
      options.rateLimitRetryMs,
    );

  const cardBody = (m: NotificationMessage): FeishuBody => ({
    msg_type: 'interactive',
    card: renderCard(m, options.keyword),
  });
  const textBody = (m: NotificationMessage): FeishuBody => ({
    msg_type: 'text',
    content: { text: renderText(m, options.keyword) },
  });

  return {
    name: 'feishu',
    async send(message) {
      const card = fitted(message, cardBody);
      const cardAnswer = await post(card.body);
      if (cardAnswer.code === FEISHU_CODES.ok) return `card accepted (${card.size})`;

      const text = fitted(message, textBody);
      const textAnswer = await post(text.body);
      if (textAnswer.code === FEISHU_CODES.ok)
        return `card refused (${cardAnswer.code} ${cardAnswer.msg}); sent as plain text (${text.size})`;
      throw new NotifyRejectedError(
        `Feishu refused both the card (${cardAnswer.code} ${cardAnswer.msg}) and the plain text (${textAnswer.code} ${textAnswer.msg})`,
        textAnswer.code,
      );
    },
  };
}
