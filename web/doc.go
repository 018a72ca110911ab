// Package web is the archive as a web site and a JSON API: server-rendered
// pages (html/template, embedded with the stylesheet; no script), the API
// under /api/, an Atom feed of edits, and the endpoint through which CLI
// commands run against an archive that serve holds.
//
// Contract:
//   - Reads go straight to the store (short read transactions); the list,
//     the home page and the feed read an in-memory index of the latest
//     versions, refreshed in the background from the archive's time index
//     every second (and at once after a fetch through the site), so that a
//     filtered page of a large archive is a slice walk.
//   - Archived text is always escaped by html/template; article bodies are
//     shown as text (articleBody decides). Raw captures are served alone,
//     from /raw/capture, under "Content-Security-Policy: sandbox" with
//     nothing loadable, and framed by a sandboxed iframe.
//   - Every response carries a strict CSP (no script anywhere), nosniff
//     and no-referrer; pages load nothing from the archived sites.
//   - Without Options.Token the site answers only requests addressed to a
//     loopback name; with it, every request needs the token (Bearer) or
//     the login form's cookie. Unsafe methods pass
//     http.CrossOriginProtection, and forms also carry a token.
//   - API errors are JSON {"error": …, "parameter": …} with a 4xx/5xx
//     status; a bad parameter is named.
//
// The package never imports config: serve (in cli) maps the configuration
// onto Options and supplies fetch, run and CLI functions.
package web
