package conformance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// The harness's own tests run against fakes: a toolkit whose "signature" is a marker
// carrying the signer and a digest of the content, and an implementation that reads
// requests through the harness's parser. Neither needs package exchange, so the core is
// tested on its own; the real pairing is tested against the reference implementation.

var (
	fakeHarness = Party{CountryCode: "FR", UniqueIdentifier: "jcx-harness"}
	fakeImpl    = Party{CountryCode: "LU", UniqueIdentifier: "jcx-reference"}
)

type fakeKit struct{}

func (fakeKit) Harness() Party        { return fakeHarness }
func (fakeKit) Implementation() Party { return fakeImpl }

func fakeDigest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}

func (fakeKit) Sign(msg []byte, e Encoding, signer string) ([]byte, error) {
	return fakeSign(msg, e, signer), nil
}

func fakeSign(msg []byte, e Encoding, signer string) []byte {
	if e == JSON {
		i := bytes.LastIndexByte(msg, '}')
		return concat(msg[:i], []byte(fmt.Sprintf(`,"Signature":{"signer":%q,"digest":%q}`, signer, fakeDigest(msg))), msg[i:])
	}
	i := bytes.LastIndex(msg, []byte("</Message>"))
	return concat(msg[:i], []byte(fmt.Sprintf(`<Sig><Signer>%s</Signer><Digest>%s</Digest></Sig>`, signer, fakeDigest(msg))), msg[i:])
}

func (fakeKit) Validate(msg []byte, e Encoding) []exchange.ErrorCode {
	if _, err := parseAnswer(context.Background(), msg, e); err != nil {
		return []exchange.ErrorCode{3020}
	}
	return nil
}

func (fakeKit) VerifyResponse(msg []byte, e Encoding) (Party, error) {
	root, err := parseAnswer(context.Background(), msg, e)
	if err != nil {
		return Party{}, err
	}
	name := "Sig"
	if e == JSON {
		name = "Signature"
	}
	sig := root.child(name)
	if sig == nil {
		return Party{}, errors.New("unsigned")
	}
	signer := sig.value("Signer")
	if e == JSON {
		signer = sig.value("signer")
	}
	cc, id, _ := strings.Cut(signer, "/")
	return Party{CountryCode: cc, UniqueIdentifier: id}, nil
}

// fakeServer is a tiny implementation with switchable misbehaviour.
type fakeServer struct {
	mode    string
	release chan struct{} // closed at the end of a test, to free hanging calls
}

func (f *fakeServer) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string) {
	enc, _ := encodingOf(ct)
	root, err := parseAnswer(context.Background(), body, enc)
	var a *answer
	if err == nil {
		a, err = readAnswer(root)
	}
	code := 0
	switch {
	case err != nil:
		code = 3020
		if f.mode == "crash-on-garbage" {
			panic("garbage")
		}
	case root.child("Sig") == nil && root.child("Signature") == nil:
		code = 8001
	}
	isCreate := a != nil && bytes.Contains(body, []byte("CREATE"))
	switch {
	case f.mode == "garbage":
		return []byte("<<<this is not a message"), ct
	case f.mode == "hang-on-create" && isCreate:
		<-f.release
	case f.mode == "panic-on-create" && isCreate:
		panic("boom")
	case f.mode == "wrong-type":
		if enc == XML {
			ct = "application/json"
		} else {
			ct = "application/xml"
		}
	}
	tx, receiver := "00000000-0000-4000-8000-000000000001", fakeHarness
	if a != nil {
		tx, receiver = a.tx, a.sender
	}
	if f.mode == "lie" {
		tx = "00000000-0000-4000-8000-000000000002"
	}
	sum := sha256.Sum256(body)
	resp := fakeResponse(enc, tx, receiver, hex.EncodeToString(sum[:]), code, root)
	switch f.mode {
	case "unsigned":
	case "other-signer":
		resp = fakeSign(resp, enc, "LU/someone-else")
	default:
		resp = fakeSign(resp, enc, fakeImpl.String())
	}
	if f.mode == "wrong-type" {
		return resp, ct
	}
	return resp, enc.MediaType()
}

func fakeResponse(e Encoding, tx string, to Party, receipt string, code int, req *node) []byte {
	var results []string
	if code == 0 {
		for _, act := range req.path("Payload", "Request").all("Action") {
			for _, v := range verbs {
				if act.child(v) != nil {
					results = append(results, act.value("ActionIdentifier")+" "+v)
				}
			}
		}
	}
	var b strings.Builder
	if e == JSON {
		fmt.Fprintf(&b, `{"Header":{"Sender":{"CountryCode":%q,"UniqueIdentifier":%q},"Receiver":{"CountryCode":%q,"UniqueIdentifier":%q},"TransactionIdentifier":%q},"Payload":{"Response":{"Receipt":{"Algorithm":"sha-256","Value":%q}`,
			fakeImpl.CountryCode, fakeImpl.UniqueIdentifier, to.CountryCode, to.UniqueIdentifier, tx, receipt)
		if code != 0 {
			fmt.Fprintf(&b, `,"Error":[{"Code":%d,"Path":%q,"Description":"refused"}]`, code, fakePath(code, e))
		}
		for i, r := range results {
			id, v, _ := strings.Cut(r, " ")
			sep := `,"ActionResult":[`
			if i > 0 {
				sep = ","
			}
			fmt.Fprintf(&b, `%s{"ActionIdentifier":%s,%q:{"Generation":1}}`, sep, id, v)
			if i == len(results)-1 {
				b.WriteString("]")
			}
		}
		b.WriteString("}}}")
		return []byte(b.String())
	}
	fmt.Fprintf(&b, `<Message><Header><Sender><CountryCode>%s</CountryCode><UniqueIdentifier>%s</UniqueIdentifier></Sender><Receiver><CountryCode>%s</CountryCode><UniqueIdentifier>%s</UniqueIdentifier></Receiver><TransactionIdentifier>%s</TransactionIdentifier></Header><Payload><Response><Receipt><Algorithm>sha-256</Algorithm><Value>%s</Value></Receipt>`,
		fakeImpl.CountryCode, fakeImpl.UniqueIdentifier, to.CountryCode, to.UniqueIdentifier, tx, receipt)
	if code != 0 {
		fmt.Fprintf(&b, `<Error><Code>%d</Code><Path>%s</Path><Description>refused</Description></Error>`, code, fakePath(code, e))
	}
	for _, r := range results {
		id, v, _ := strings.Cut(r, " ")
		fmt.Fprintf(&b, `<ActionResult><ActionIdentifier>%s</ActionIdentifier><%s><Generation>1</Generation></%s></ActionResult>`, id, v, v)
	}
	b.WriteString("</Response></Payload></Message>")
	return []byte(b.String())
}

// fakePath is where docs/errors.md puts the fake's two refusals.
func fakePath(code int, e Encoding) string {
	switch {
	case code == 8001 && e == JSON:
		return "/Signature"
	case code == 8001:
		return "/Message/ds:Signature[1]"
	}
	return ""
}

func loadMini(t *testing.T) *Suite {
	t.Helper()
	s, err := Load(os.DirFS("testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
