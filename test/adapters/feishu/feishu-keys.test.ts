import { decodeFeishuKey, encodeFeishuKey } from '../../../adapters/feishu/feishu-keys.js';
import { conversationKeyContract } from '../../support/conversation-key-contract.js';

conversationKeyContract({
  channel: 'feishu',
  encode: encodeFeishuKey,
  decode: decodeFeishuKey,
  // Group chats and private chats both have an `oc_` chat_id.
  samples: [
    'oc_5b1cadb1a240f1cd0240b5aac5667502',
    'oc_db52720892d0eaa65db6a9556deb3cbc',
    'oc_p2p_ou_1',
    'oc_A1',
  ],
  malformed: ['feishu:', 'feishu:oc x', 'feishu:oc_1:extra'],
});
