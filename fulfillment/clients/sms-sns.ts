/**
 * SMS through Amazon SNS Publish to a phone number
 * (https://docs.aws.amazon.com/sns/latest/dg/sms_sending-overview.html), as a Transactional message
 * so it is delivered with priority. AWS End User Messaging SMS (`SendTextMessage`) is the newer
 * service; adding it means a second class implementing {@link SmsSender} with
 * `@aws-sdk/client-pinpoint-sms-voice-v2`.
 * @module
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from './sms.js';

export interface SnsSmsOptions {
  /** Sender ID where supported (not in the US/Canada); AWS.SNS.SMS.SenderID. */
  senderId?: string;
  /** Origination number (E.164) registered for the account; AWS.MM.SMS.OriginationNumber. */
  originationNumber?: string;
}

export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly sns: SNSClient,
    private readonly options: SnsSmsOptions = {},
  ) {}

  async send(to: string, body: string): Promise<void> {
    const attrs: Record<string, { DataType: string; StringValue: string }> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.options.senderId) attrs['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.options.senderId };
    if (this.options.originationNumber) attrs['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: this.options.originationNumber };
    await this.sns.send(new PublishCommand({ PhoneNumber: to, Message: body, MessageAttributes: attrs }));
  }
}
