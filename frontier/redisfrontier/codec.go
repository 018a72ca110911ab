package redisfrontier

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"

	"newsarchive/frontier"
)

// seenHash is the seen-set member of a URL: 8 bytes of xxhash64. A
// collision (about one in 10^7 at a million URLs per run) skips one URL.
func seenHash(u string) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], xxhash.Sum64String(u))
	return string(b[:])
}

// encode is a queued request as stored: everything but the ID (the score).
func encode(r frontier.Request) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(r.Kind)))
	b.WriteByte(0x1f)
	b.WriteString(strconv.Itoa(r.Depth))
	b.WriteByte(0x1f)
	b.WriteString(strconv.Itoa(r.Attempt))
	b.WriteByte(0x1f)
	b.WriteString(r.LastMod)
	b.WriteByte(0x1f)
	b.WriteString(r.URL)
	for _, v := range r.Via {
		b.WriteByte(0x1f)
		b.WriteString(v)
	}
	return b.String()
}

func decode(id, s string) (frontier.Request, error) {
	f := strings.Split(s, "\x1f")
	if len(f) < 5 {
		return frontier.Request{}, fmt.Errorf("bad queued request %q", s)
	}
	var r frontier.Request
	var err error
	var k int
	if r.ID, err = strconv.ParseUint(id, 10, 64); err != nil {
		return r, fmt.Errorf("bad request id %q", id)
	}
	k, _ = strconv.Atoi(f[0])
	r.Kind = frontier.Kind(k)
	r.Depth, _ = strconv.Atoi(f[1])
	r.Attempt, _ = strconv.Atoi(f[2])
	r.LastMod, r.URL = f[3], f[4]
	if len(f) > 5 {
		r.Via = f[5:]
	}
	return r, nil
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
