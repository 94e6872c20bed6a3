/**
 * Conversation logs hold personal data (what callers said, balances and first names the bot
 * answered): their log groups get a customer-managed, rotated KMS key usable only by CloudWatch
 * Logs for this account's log groups, and a retention (issue 14 point 6). CDK assertions.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalId, synthStack } from './helpers.js';

describe('conversation log groups', () => {
  const { template, json } = synthStack({ conversationLogGroups: ['/aws/lex/SelfService'] });

  it('are encrypted with a customer-managed key that rotates, and keep 30 days', () => {
    const key = logicalId(json, 'AWS::KMS::Key', 'ConversationLogsKey');
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/lex/SelfService',
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
    });
    expect(json.Resources[key].Properties.EnableKeyRotation).toBe(true);
    expect(json.Resources[key].DeletionPolicy).toBe('Retain');
  });

  it('the key lets only CloudWatch Logs of the region use it, for log groups of this account', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsUse',
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('no conversation logs, no key', () => {
    synthStack().template.resourceCountIs('AWS::KMS::Key', 0);
  });
});
