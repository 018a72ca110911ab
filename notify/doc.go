// Package notify tells people when an archived article is new or has
// changed: rules decide which versions matter, a payload carries the diff,
// and a sender delivers it by webhook or e-mail from the archive's outbox.
//
// Contract:
//   - Rules are plain data (Rule); Rule.Wants decides, for one Change (the
//     version before and the version archived), whether a rule wants it,
//     from the word-level diff of textdiff. Matching is pure and cheap
//     enough to run before the put.
//   - Entries builds the outbox entries of a change; the caller hands them
//     to store.Put (Snapshot.Outbox) so that they are committed in the
//     same transaction as the version. Nothing is sent from there.
//   - A Sender drains the outbox: per target (a rule's webhook, a rule's
//     e-mail) one worker, so a slow or dead target never delays the
//     others. A webhook call is a signed JSON POST (HMAC-SHA256 over
//     "timestamp.body") with an Idempotency-Key that is the same for every
//     attempt at one (rule, key, version). Failures are retried with
//     exponential backoff and jitter from 5 s for the rule's retry_for
//     (default 24 h), Retry-After honoured; a 4xx other than 408 and 429
//     is final. Delivery is at least once: a process killed after a
//     delivery and before it was recorded delivers again, with the same key.
//   - The library never imports config; app maps the configuration onto
//     Rule.
package notify
