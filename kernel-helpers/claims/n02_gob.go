package claims

import "encoding/gob"

// GoNB carries display data to the notebook with encoding/gob, which can
// send a value held in an interface only if its type is registered: the
// data [Show] and [Ledger] attach under [MIMEType] are such values.
// Without this, every Show failed in a notebook with "gob: type not
// registered for interface: map[string]interface {}". Registering the same
// type under the same name again (from another file) is harmless.
func init() {
	gob.Register(map[string]any{})
	gob.Register(Figures{})
	gob.Register(map[string]Figures{})
}
