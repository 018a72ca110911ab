package extract

import "newsarchive/extract/internal/sanitize"

// SanitizeHTML passes body HTML through the allowlist that Extract applies
// to Article.HTML: structure, text-level tags, tables, figures and captions;
// links with http, https and mailto URLs only; images with http, https and
// data:image sources only; never scripts, styles, event handlers, iframes,
// objects or forms. A reader of the archive calls it again on what it
// shows, since versions extracted before the allowlist existed were stored
// without it.
func SanitizeHTML(s string) string { return sanitize.HTML(s) }
