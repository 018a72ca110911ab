package search

import (
	"fmt"
	"strings"
	"time"
)

// parseRange reads the value of published: or fetched:. A bare date is its
// whole period (2024 is the year, 2024-03 the month); >=, >, <= and < bound
// one side by the period's start or end; A..B runs from A's start to B's
// end, and either side may be left out. from is inclusive, to exclusive;
// a zero time is an open side.
func parseRange(s string) (from, to time.Time, err error) {
	if a, b, ok := strings.Cut(s, ".."); ok {
		if a == "" && b == "" {
			return from, to, fmt.Errorf("a range needs a date on at least one side of ..")
		}
		if a != "" {
			if from, _, err = period(a); err != nil {
				return from, to, err
			}
		}
		if b != "" {
			if _, to, err = period(b); err != nil {
				return from, to, err
			}
		}
		if !from.IsZero() && !to.IsZero() && !from.Before(to) {
			return from, to, fmt.Errorf("the range %s ends before it starts", s)
		}
		return from, to, nil
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		rest, ok := strings.CutPrefix(s, op)
		if !ok {
			continue
		}
		start, end, err := period(rest)
		if err != nil {
			return from, to, err
		}
		switch op {
		case ">=":
			return start, to, nil
		case ">":
			return end, to, nil
		case "<=":
			return from, end, nil
		case "<":
			return from, start, nil
		}
		return start, end, nil
	}
	return period(s)
}

// period reads a date and returns the span it names.
func period(s string) (start, end time.Time, err error) {
	if s == "" {
		return start, end, fmt.Errorf("a date is missing (want 2024, 2024-03, 2024-03-15 or RFC 3339)")
	}
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01-02T15:04:05", func(t time.Time) time.Time { return t.Add(time.Second) }},
		{time.RFC3339, func(t time.Time) time.Time { return t.Add(time.Second) }},
	} {
		if t, perr := time.Parse(f.layout, s); perr == nil {
			t = t.UTC()
			return t, f.next(t), nil
		}
	}
	return start, end, fmt.Errorf("%q is not a date (want 2024, 2024-03, 2024-03-15 or RFC 3339)", s)
}
