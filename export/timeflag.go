package export

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrTime is returned when a --since/--until value is none of the accepted
// forms.
var ErrTime = errors.New("bad time (want RFC 3339 like 2024-09-05T08:00:00Z, a date like 2024-09-05, or an age like 36h or 7d)")

// ParseTime reads a time filter: RFC 3339, a date
// (midnight UTC; a date-time without zone is UTC too, as archive times
// are), or an age before now such as 90m, 36h, 7d or 2w. "" is the zero
// time (no bound).
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if d, ok := parseAge(s); ok {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%w: %q", ErrTime, s)
}

// parseAge accepts Go durations plus d (days) and w (weeks) units, alone
// or leading: "7d", "1d12h", "2w".
func parseAge(s string) (time.Duration, bool) {
	var total time.Duration
	for _, unit := range []struct {
		suffix byte
		d      time.Duration
	}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}} {
		i := strings.IndexByte(s, unit.suffix)
		if i <= 0 {
			continue
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil || n < 0 {
			return 0, false
		}
		total += time.Duration(n * float64(unit.d))
		s = s[i+1:]
	}
	if s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return 0, false
		}
		total += d
	}
	return total, true
}
