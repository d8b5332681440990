/**
 * The HTML shell of the extension's webviews: a strict Content-Security-Policy (nothing remote,
 * scripts by nonce only), one stylesheet from media/ and one script bundle from dist/webview/.
 * The page's content is built by the script from data sent with postMessage.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folders a webview may load from. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewRoots(extensionUri) };
}

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page: `style` is a file of media/, `script` a bundle of dist/webview/. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, o: { title: string; style: string; script: string; body: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', o.style));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', o.script));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(css.toString())}">
<title>${escapeAttribute(o.title)}</title>
</head>
<body>
${o.body}
<script nonce="${nonce}" src="${escapeAttribute(js.toString())}"></script>
</body>
</html>`;
}
