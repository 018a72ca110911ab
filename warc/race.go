package warc

import (
	"sync"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// gowarc sets a global of package uuid (EnableRandPool) each time it makes
// its options, which uuid.New reads unguarded. Making options and ids under
// one lock keeps those accesses apart; both are a small part of the work.
var uuidMu sync.Mutex

// newID is a record id: a UUID URN.
func newID() string {
	uuidMu.Lock()
	defer uuidMu.Unlock()
	return uuid.New().URN()
}

func newBuilder(t gowarc.RecordType, opts ...gowarc.WarcRecordOption) gowarc.WarcRecordBuilder {
	uuidMu.Lock()
	defer uuidMu.Unlock()
	return gowarc.NewRecordBuilder(t, opts...)
}
