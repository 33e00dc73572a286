import { decodeWechatKey, encodeWechatKey } from '../../../adapters/wechat/wechat-keys.js';
import { conversationKeyContract } from '../../support/conversation-key-contract.js';

conversationKeyContract({
  channel: 'wechat',
  encode: encodeWechatKey,
  decode: decodeWechatKey,
  samples: [
    { kind: 'dm', contactId: 'wxid_r6qp5ctgyxsj7k' },
    { kind: 'dm', contactId: 'zhangdaye_1962' },
    // Some puppets give contact ids that look like room keys or carry colons.
    { kind: 'dm', contactId: '@7f3a:b2' },
    { kind: 'room', roomId: '20815443207@chatroom' },
    { kind: 'room', roomId: 'wxid_r6qp5ctgyxsj7k' },
    { kind: 'topic', topic: '平邑12345·县住建局' },
    { kind: 'topic', topic: 'room: 热线 办' },
  ],
  malformed: [
    'wechat:',
    'wechat:dm:',
    'wechat:room:',
    'wechat:topic:',
    'wechat:group:20815443207@chatroom',
    'wechat:wxid_abc',
  ],
});
