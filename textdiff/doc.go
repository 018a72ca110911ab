// Package textdiff computes readable word-level differences between two
// texts, for `newsarchive diff`.
//
// Text is split into tokens: runs of letters and digits (a word), runs of
// white space, single punctuation marks, and single CJK characters —
// Chinese and Japanese have no spaces between words, so one character per
// token keeps a Chinese diff as fine-grained as an English one. Diff runs
// Myers' algorithm first over lines (so long articles stay cheap) and then
// over the tokens of each changed block. Format renders the result with
// [-deleted-] and {+inserted+} markers, eliding long unchanged stretches.
package textdiff
