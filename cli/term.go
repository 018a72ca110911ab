package cli

import (
	"strings"
	"unicode/utf8"
)

// termText makes archived text safe to print on a terminal: it drops
// escape sequences (ESC and the 8-bit CSI, OSC, DCS… introducers with
// everything up to their end) and every other control character, C0 (but
// tab and newline), DEL and C1, and turns invalid UTF-8 into U+FFFD. A title
// crafted with escapes could otherwise recolour, retitle or rewrite the
// user's terminal. Text output (list, history, runs, stats, diff, verify)
// goes through it; JSON output stays exact.
func termText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b:
			n += escapeLen(s[i+n:])
		case r == 0x9b: // 8-bit CSI
			n += csiLen(s[i+n:])
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS, SOS, OSC, PM, APC
			n += stringLen(s[i+n:])
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f:
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escapeLen is the length of the rest of an escape sequence after its ESC.
func escapeLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		return 1 + csiLen(s[1:])
	case ']', 'P', 'X', '^', '_':
		return 1 + stringLen(s[1:])
	}
	// ESC, intermediates (0x20–0x2F), one final byte.
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// csiLen is the length of a control sequence's parameters, intermediates
// and final byte.
func csiLen(s string) int {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// stringLen is the length of a control string (OSC, DCS, …) up to and
// including its terminator: BEL, ESC \ or the 8-bit ST. Like a terminal, it
// also ends at CAN, SUB or another ESC (which is then read as the start of
// a sequence), and takes all the rest when nothing ends it.
func stringLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0x1b, s[i] == 0x18, s[i] == 0x1a:
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
	}
	return len(s)
}
