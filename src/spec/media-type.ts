/** The media type of a Content-Type header or content key, without parameters: `application/json`. */
export function bareMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
