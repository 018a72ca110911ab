// Package body finds an article's body in the parsed page: it cleans the
// tree (scripts, hidden and furniture elements, comment blocks), cuts a
// run of whole posts to its first, scores the candidate containers by
// their prose (Scorer: text and link lengths per element), chooses the
// container, and prunes the boilerplate lines and blocks inside it by the
// rules of package boilerplate. Find is the one entry; a site's body
// selector replaces the finder. It changes the tree it is given.
package body
