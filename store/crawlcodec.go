package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
)

// qkey is a queue key: the host, a NUL (never in a host) and the ID.
func qkey(host string, id uint64) []byte {
	k := make([]byte, 0, len(host)+9)
	k = append(k, host...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

func splitQKey(k []byte) (string, uint64, bool) {
	if len(k) < 9 || k[len(k)-9] != 0 {
		return "", 0, false
	}
	return string(k[:len(k)-9]), binary.BigEndian.Uint64(k[len(k)-8:]), true
}

// Request encoding: kind, uvarint depth, uvarint attempt, uvarint
// len(lastmod), lastmod, uvarint count of via, each as uvarint length and
// bytes, then the URL. The ID is the key.
func encodeReq(r frontier.Request) []byte {
	n := 1 + 4*binary.MaxVarintLen64 + len(r.LastMod) + len(r.URL)
	for _, v := range r.Via {
		n += binary.MaxVarintLen64 + len(v)
	}
	b := make([]byte, 0, n)
	b = append(b, byte(r.Kind))
	b = binary.AppendUvarint(b, uint64(r.Depth))
	b = binary.AppendUvarint(b, uint64(r.Attempt))
	b = binary.AppendUvarint(b, uint64(len(r.LastMod)))
	b = append(b, r.LastMod...)
	b = binary.AppendUvarint(b, uint64(len(r.Via)))
	for _, v := range r.Via {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return append(b, r.URL...)
}

var errCorruptReq = fmt.Errorf("store: corrupt frontier entry")

func decodeReq(b []byte) (frontier.Request, error) {
	var r frontier.Request
	if len(b) < 1 {
		return r, errCorruptReq
	}
	r.Kind = frontier.Kind(b[0])
	b = b[1:]
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	str := func() (string, bool) {
		l, ok := uv()
		if !ok || uint64(len(b)) < l {
			return "", false
		}
		s := string(b[:l])
		b = b[l:]
		return s, true
	}
	depth, ok1 := uv()
	attempt, ok2 := uv()
	lastmod, ok3 := str()
	nvia, ok4 := uv()
	if !ok1 || !ok2 || !ok3 || !ok4 || nvia > uint64(len(b)) {
		return r, errCorruptReq
	}
	r.Depth, r.Attempt, r.LastMod = int(depth), int(attempt), lastmod
	for range nvia {
		v, ok := str()
		if !ok {
			return r, errCorruptReq
		}
		r.Via = append(r.Via, v)
	}
	r.URL = string(b)
	return r, nil
}

// A host record: the host's queued count (hq and hf) and its next time.
func hostRecord(jb *bolt.Bucket, host string) (int64, int64) {
	v := jb.Bucket(cHosts).Get([]byte(host))
	if len(v) != 16 {
		return 0, 0
	}
	return int64(binary.BigEndian.Uint64(v)), int64(binary.BigEndian.Uint64(v[8:]))
}

func putHostRecord(jb *bolt.Bucket, host string, n, next int64) error {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(max(n, 0)))
	v = binary.BigEndian.AppendUint64(v, uint64(next))
	return jb.Bucket(cHosts).Put([]byte(host), v)
}

func addQueued(jb *bolt.Bucket, host string, d int64) error {
	n, next := hostRecord(jb, host)
	return putHostRecord(jb, host, n+d, next)
}
