package conformance

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
)

const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// hi1Verbs maps the elements of an HI-1 ActionResponse to the verbs of the suite format.
var hi1Verbs = map[string]string{
	"GETResponse": "GET", "CREATEResponse": "CREATE", "UPDATEResponse": "UPDATE",
	"LISTResponse": "LIST", "DELIVERResponse": "DELIVER",
}

// readHI1Answer reads an HI-1 message (TS 103 120 HI1Message) the way readAnswer reads a
// jcx one. An HI-1 response has no receipt: it is bound to its request by the
// TransactionIdentifier and by the ActionIdentifiers it answers.
func readHI1Answer(root *node) (*answer, error) {
	a := &answer{root: root, hi1: true}
	h := root.child("Header")
	if h == nil {
		return nil, errors.New("no Header")
	}
	a.sender = exchange.Party{CountryCode: h.value("SenderIdentifier", "CountryCode"), UniqueIdentifier: h.value("SenderIdentifier", "UniqueIdentifier")}
	a.receiver = exchange.Party{CountryCode: h.value("ReceiverIdentifier", "CountryCode"), UniqueIdentifier: h.value("ReceiverIdentifier", "UniqueIdentifier")}
	a.tx = h.value("TransactionIdentifier")
	resp := root.path("Payload", "ResponsePayload")
	if resp == nil {
		return a, nil
	}
	a.isResp = true
	for _, e := range resp.all("ErrorInformation") {
		c, _ := strconv.Atoi(e.value("ErrorCode"))
		a.errors = append(a.errors, exchange.ErrorCode(c))
	}
	for _, r := range resp.path("ActionResponses").all("ActionResponse") {
		var res result
		var err error
		if res.action, err = strconv.Atoi(r.value("ActionIdentifier")); err != nil {
			return nil, fmt.Errorf("ActionResponse without a numeric ActionIdentifier")
		}
		if e := r.child("ErrorInformation"); e != nil {
			c, _ := strconv.Atoi(e.value("ErrorCode"))
			res.codes = append(res.codes, exchange.ErrorCode(c))
		}
		for el, verb := range hi1Verbs {
			vn := r.child(el)
			if vn == nil {
				continue
			}
			res.verb = verb
			if o := vn.child("HI1Object"); o != nil {
				// The local part of the xsi:type QName: LDTaskObject for task:LDTaskObject.
				res.object = o.xsiType
				if i := strings.LastIndexByte(o.xsiType, ':'); i >= 0 {
					res.object = o.xsiType[i+1:]
				}
				res.generation, _ = strconv.Atoi(o.value("Generation"))
				res.target = o.value("ObjectIdentifier")
			} else {
				res.target = vn.value("Identifier")
			}
			for _, lr := range vn.all("ListResponseRecord") {
				res.listed = append(res.listed, lr.value("ObjectType", "Value"))
			}
		}
		a.results = append(a.results, res)
	}
	return a, nil
}
