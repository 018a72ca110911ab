// Package config loads and validates newsarchive's YAML configuration.
//
// Default() (with DefaultJob() for each job) is the one source of default
// values. Load reads at most MaxFileBytes+1 bytes; Parse parses the text once
// into a yaml.Node, checks it against the Go types (unknown keys, bad
// scalars, and the size with aliases expanded, all by full key), decodes
// that node once over Default() so that yaml.v3's alias limits apply, and
// Validate then checks every value against the bounds of limits.go. Every
// error names the offending key before anything runs, for example
//
//	jobs[0].schedule: bad cron spec "61 * * * *": …
//
// Relative paths in a file are made relative to the file's folder. Config
// is passed down explicitly; there is no global.
package config
