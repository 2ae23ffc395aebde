/** The DSN an SDK needs: the public key as user name, the project id as the last path segment. */
export function buildDsn(publicUrl: string, publicKey: string, projectId: number): string {
  const url = new URL(publicUrl);
  const prefix = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${publicKey}@${url.host}${prefix}/${projectId}`;
}
