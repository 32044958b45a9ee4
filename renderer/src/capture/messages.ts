// Screen text, Simplified Chinese first and English second (kiosk convention).
import type { CameraFailure } from './camera-select';
import type { DetectionIssue } from './imaging/detect';

export interface Bilingual {
  zh: string;
  en: string;
}

const t = (zh: string, en: string): Bilingual => ({ zh, en });

export const MSG = {
  starting: t('正在打开高拍仪…', 'Starting the document camera…'),
  place: t('请将材料平放在底板上', 'Place the document flat on the base'),
  capture: t('拍摄', 'Capture'),
  detecting: t('正在识别材料边缘…', 'Finding the page edges…'),
  adjust: t('请检查四个角，可拖动圆点调整', 'Check the corners; drag the dots to adjust'),
  confirm: t('确认', 'Confirm'),
  retake: t('重拍', 'Retake'),
  addPage: t('继续添加', 'Add a page'),
  finish: t('完成', 'Finish'),
  cancel: t('取消', 'Cancel'),
  deletePage: t('删除', 'Delete'),
  encoding: t('正在处理图像…', 'Processing the image…'),
  retry: t('重试', 'Try again'),
  unavailable: t('高拍仪暂不可用', 'Document camera unavailable'),
  tooLarge: t('图像过大，请重拍', 'The image is too large; please retake'),
  processingFailed: t('图像处理失败，请重拍', 'Image processing failed; please retake'),
  maxPages: t('已达到页数上限', 'Page limit reached'),
} as const;

export const pagesTaken = (n: number): Bilingual =>
  t(`已拍摄 ${n} 页`, `${n} ${n === 1 ? 'page' : 'pages'} captured`);

export const CAMERA_FAILURE_MSG: Record<CameraFailure, Bilingual> = {
  noCamera: t('未检测到高拍仪，请联系工作人员', 'No document camera found. Please ask staff for help.'),
  denied: t(
    '无法使用高拍仪：摄像头权限被拒绝',
    'The document camera cannot be used: camera permission was denied.',
  ),
  busy: t(
    '高拍仪被占用或出现故障，请稍后重试',
    'The document camera is busy or faulty. Please try again later.',
  ),
  unsupported: t('本设备不支持拍摄', 'This terminal cannot capture images.'),
  failed: t('高拍仪启动失败，请重试', 'The document camera failed to start. Please try again.'),
};

export const DETECTION_ISSUE_MSG: Record<DetectionIssue, Bilingual> = {
  noPage: t('未找到材料，请拖动四角框选材料', 'No document found; drag the corners around it'),
  tooSmall: t('未找到材料，请拖动四角框选材料', 'No document found; drag the corners around it'),
  touchesBorder: t(
    '材料超出拍摄范围，请摆正后重拍',
    'The document runs off the picture; straighten it and retake',
  ),
  notQuadrilateral: t('材料边缘不清晰，请检查四个角', 'The edges are unclear; please check the corners'),
};

export const CORNER_LABEL = {
  tl: t('左上角', 'Top-left corner'),
  tr: t('右上角', 'Top-right corner'),
  br: t('右下角', 'Bottom-right corner'),
  bl: t('左下角', 'Bottom-left corner'),
} as const;

export const both = (m: Bilingual): string => `${m.zh} ${m.en}`;
