/** A failure the client may see: HTTP status + camelCase code + message (Chinese first, English second). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'notFound', `未找到 / not found: ${what}`);
export const forbidden = () => new ApiError(403, 'forbidden', '无权执行此操作 / not allowed for this role');
export const unauthorized = () =>
  new ApiError(401, 'unauthorized', '未认证或凭据无效 / missing or invalid credentials');
export const illegalTransition = (from: string, to: string) =>
  new ApiError(409, 'illegalTransition', `状态不允许此操作 / cannot go from ${from} to ${to}`);
