package hi1

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// TestExamplesRules runs the envelope rules over ETSI's examples. Three of them break
// the numbering rule and two responses do not answer their request's actions; the test
// holds the rules to exactly those findings.
func TestExamplesRules(t *testing.T) {
	dir, files := etsiExamples(t)
	breaks := map[string][]want{
		"mutliple-auth-example-request.xml": { // numbered from 1
			{3007, pReq + "/ActionRequest[1]/ActionIdentifier[1]"},
			{3007, pReq + "/ActionRequest[2]/ActionIdentifier[1]"},
		},
		"request7_TrafficPolicyObject.xml": {{3002, pReq + "/ActionRequest[3]/ActionIdentifier[1]"}},
		"response2.xml":                    {{3002, pResp + "/ActionResponse[2]/ActionIdentifier[1]"}},
	}
	read := func(t *testing.T, name string) *HI1Message {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(data, exchange.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			sameFindings(t, Check(read(t, name)), breaks[name])
		})
	}
	pairs := []struct {
		request, response string
		want              []want
	}{
		{"request1.xml", "response1.xml", nil},
		// response2 numbers both its answers 0, so action 1 of request2 goes unanswered.
		{"request2.xml", "response2.xml", []want{{3005, pResp}}},
		// response3 answers an action 1 (with an UPDATEResponse) that request3 does not have.
		{"request3.xml", "response3.xml", []want{{3007, pResp + "/ActionResponse[2]/ActionIdentifier[1]"}}},
		{"request4.xml", "response4.xml", nil},
		{"request5-XML-Delivery.xml", "response5.xml", nil},
		{"request6.xml", "response6.xml", nil},
		{"request6.xml", "top_level_error.xml", nil},
		{"request1.xml", "response2.xml", []want{
			{3007, pHeader + "/TransactionIdentifier[1]"},
			{3007, pResp + "/ActionResponse[1]/GETResponse[1]"},
			{3007, pResp + "/ActionResponse[2]/GETResponse[1]"},
			{3005, pResp},
		}},
	}
	for _, p := range pairs {
		t.Run(p.request+"→"+p.response, func(t *testing.T) {
			sameFindings(t, CheckResponse(read(t, p.request), read(t, p.response)), p.want)
		})
	}
}
