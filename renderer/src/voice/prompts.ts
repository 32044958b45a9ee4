// What elder mode says aloud, per prompt key, in both languages. Pre-rendered to audio at build
// time (scripts/renderer-assets/voice.ts: espeak-ng cmn-latn-pinyin, numbers converted to hanzi
// first) and played by key in the page (voice-player.ts). Spoken text may say more than the screen
// (where to look, what to tap), never less. Only fixed text: a door number or a countdown changes
// per session and stays on screen.

export interface SpokenText {
  'zh-CN': string;
  en: string;
}

const say = (zh: string, en: string): SpokenText => ({ 'zh-CN': zh, en });

export const VOICE_PROMPTS = {
  'attract.welcome': say(
    '欢迎使用自助服务终端。请将身份证放在读卡区，或点击屏幕选择要办理的业务。',
    'Welcome. Place your ID card on the reader, or tap the screen to choose a service.',
  ),
  'elder.on': say(
    '已进入长辈模式。文字更大，办理时间更长，每一步都有语音提示。',
    'Elder mode is on: larger text, more time, and spoken guidance at every step.',
  ),
  'step.chooseService': say('请点击您要办理的业务。', 'Tap the service you need.'),
  'step.identify': say('请按屏幕提示验证身份。', 'Please identify yourself as the screen shows.'),
  'step.form': say(
    '请核对并填写表格，点击输入框后用屏幕上的键盘输入。',
    'Check and complete the form. Tap a field, then type on the screen keyboard.',
  ),
  'step.capture': say(
    '请将材料平放在高拍仪底板上，然后点击拍摄。',
    'Lay your document flat on the camera base, then tap Capture.',
  ),
  'step.confirm': say(
    '请核对您的信息，无误后点击确认。',
    'Check your details, then tap Confirm if they are right.',
  ),
  'step.rate': say(
    '请为本次服务评价，您的评价会帮助我们改进。',
    'Please rate this service. Your rating helps us improve.',
  ),
  'step.done': say(
    '办理完成。请带好您的证件和随身物品。',
    'All done. Please take your card and your belongings.',
  ),
  'input.name': say(
    '请输入姓名。输入拼音后，点击上方的汉字。',
    'Enter the name: type the pinyin, then tap the characters above the keys.',
  ),
  'input.idNumber': say('请输入 18 位身份证号码。', 'Enter the 18-character ID number.'),
  'input.phone': say('请输入 11 位手机号码。', 'Enter the 11-digit mobile number.'),
  'device.placeIdCard': say(
    '请将身份证放在读卡区，放好后请不要移动。',
    'Place your ID card on the reader and keep it still.',
  ),
  'device.takeIdCard': say('请取走您的身份证。', 'Please take your ID card.'),
  'device.insertSocialCard': say(
    '请将社保卡芯片朝上插入卡口。',
    'Insert your social security card, chip up.',
  ),
  'device.insertBankCard': say('请将银行卡芯片朝上插入卡口。', 'Insert your bank card, chip up.'),
  'device.takeCard': say('请取走您的卡片。', 'Please take your card.'),
  'device.takeReceipt': say(
    '请在屏幕下方的出纸口取走凭条。',
    'Take your receipt from the slot below the screen.',
  ),
  'device.takeDocument': say('请在打印机出纸口取走您的文件。', 'Take your document from the printer tray.'),
  'device.scanCode': say('请将二维码对准扫码窗口。', 'Hold the QR code to the scanner window.'),
  'device.placeDocument': say(
    '请将材料文字朝上平放在底板上。',
    'Lay your document flat on the base, text up.',
  ),
  'device.depositInLocker': say(
    '柜门已打开。请放入材料，然后关好柜门。',
    'The locker is open. Put your documents in, then close the door.',
  ),
  'device.pickupFromLocker': say(
    '柜门已打开。请取走您的材料，然后关好柜门。',
    'The locker is open. Take your documents, then close the door.',
  ),
  'device.closeDoor': say('请关好柜门。', 'Please close the locker door.'),
  'busy.readingCard': say('正在读取卡片，请不要移开。', 'Reading your card. Please keep it in place.'),
  'busy.querying': say('正在查询，请稍候。', 'Looking it up. Please wait.'),
  'busy.submitting': say('正在提交您的材料，请稍候。', 'Sending your documents. Please wait.'),
  'busy.waitingForResult': say('正在自动审核，请稍候。', 'Checking your application. Please wait.'),
  'busy.printing': say('正在打印，请稍候。', 'Printing. Please wait.'),
  'busy.openingDoor': say('正在打开柜门。', 'Opening the locker door.'),
  'busy.recording': say('正在登记，请稍候。', 'Recording it. Please wait.'),
  'busy.issuingTicket': say('正在取号，请稍候。', 'Printing your queue ticket.'),
  'busy.checkingIn': say('正在签到，请稍候。', 'Checking you in.'),
  'busy.sendingRating': say('正在提交您的评价。', 'Sending your rating.'),
  'idle.warning': say(
    '您还需要更多时间吗？如需继续，请点击继续办理。',
    'Do you need more time? Tap "I need more time" to continue.',
  ),
  'failure.goToCounter': say(
    '暂时无法在这里办理，请到人工服务窗口办理。',
    'This cannot be done here right now. Please go to a staffed counter.',
  ),
  'session.ended': say(
    '办理已结束，您的信息已清除。',
    'Your session has ended and your details have been cleared.',
  ),
} as const satisfies Record<string, SpokenText>;

export type VoicePromptKey = keyof typeof VOICE_PROMPTS;

export const VOICE_PROMPT_KEYS = Object.keys(VOICE_PROMPTS) as VoicePromptKey[];
