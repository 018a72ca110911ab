package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a time.Duration written in YAML as "10s", "1m30s" or a plain
// number of seconds.
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalYAML accepts Go duration syntax ("1.5s", "1m30s") and plain
// decimal numbers of seconds ("90", "0.5").
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := parseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// seconds is a plain decimal number: no NaN, Inf, exponent or hex, which
// strconv.ParseFloat would all take.
var seconds = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)

// maxSeconds is the longest duration time.Duration holds, in seconds.
const maxSeconds = float64(math.MaxInt64) / float64(time.Second)

func parseDuration(s string) (time.Duration, error) {
	if v, err := time.ParseDuration(s); err == nil {
		return v, nil
	}
	if !seconds.MatchString(s) {
		return 0, fmt.Errorf("bad duration %q (want e.g. 10s, 1m30s, or a number of seconds)", s)
	}
	secs, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Abs(secs) >= maxSeconds {
		return 0, fmt.Errorf("bad duration %q: out of range", s)
	}
	return time.Duration(math.Round(secs * float64(time.Second))), nil
}

// MarshalYAML writes the duration as a string such as "10s".
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// String implements fmt.Stringer.
func (d Duration) String() string { return time.Duration(d).String() }
