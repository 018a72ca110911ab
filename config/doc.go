// Package config loads and validates newsarchive's YAML configuration.
//
// Load starts from Default() and decodes the file over it, rejecting unknown
// keys; Validate then checks every value and names the offending key
// (for example `jobs[0].schedule: bad cron spec "61 * * * *": …`) before
// anything runs. Relative paths in a file are made relative to the file's
// folder (decision 5 of issue #2). Config is passed down explicitly; there is
// no global.
package config
