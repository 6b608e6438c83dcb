package main

import (
	"fmt"
	"time"

	"github.com/jcx-dev/jcx/exchange"
)

// The objects the load is made of. A client's case is an MLA Authorisation; the tasks
// under it are AssistanceTasks whose Details carries a revision counter, so that a GET
// shows which UPDATE the stored object reflects.

func dictCode(dict, value string) exchange.Code {
	return exchange.Code{Owner: exchange.DictionaryOwner, Name: dict, Value: value}
}

// caseRoot returns a fresh Authorisation owned by the requester, addressed to the
// executing state of the receiver.
func caseRoot(owner, receiver exchange.Party, client, n int) *exchange.Authorisation {
	return &exchange.Authorisation{
		ObjectBase: exchange.ObjectBase{
			ObjectIdentifier: exchange.NewUUID(),
			CountryCode:      owner.CountryCode,
			OwnerIdentifier:  owner.UniqueIdentifier,
		},
		Reference:      fmt.Sprintf("LOAD-%d-%d", client, n),
		Instrument:     dictCode(exchange.DictInstrument, exchange.InstrumentMLA),
		LegalBasis:     []exchange.LegalBasis{{Instrument: "UNTOC", Article: "18"}},
		IssuingState:   owner.CountryCode,
		ExecutingState: receiver.CountryCode,
		Approval: []exchange.Approval{{
			ApprovalType: dictCode(exchange.DictApprovalType, exchange.ApprovalIssuing),
			Authority:    exchange.Authority{Name: "Juge d'instruction, Paris"},
			Timestamp:    exchange.NewDateTime(time.Now().Add(-24 * time.Hour).Truncate(time.Second)),
		}},
		Offence: []exchange.Offence{{Description: "Laundering of the proceeds of fraud"}},
	}
}

// task returns an AssistanceTask under root; details tells its revisions apart.
func task(owner exchange.Party, root, id exchange.UUID, gen int, details string) *exchange.AssistanceTask {
	return &exchange.AssistanceTask{
		ObjectBase: exchange.ObjectBase{
			ObjectIdentifier: id,
			CountryCode:      owner.CountryCode,
			OwnerIdentifier:  owner.UniqueIdentifier,
			Generation:       gen,
			AssociatedObject: []exchange.UUID{root},
		},
		Reference: "LOAD-TASK",
		Measure:   dictCode(exchange.DictMeasure, "BankingInformation"),
		Details:   details,
	}
}

// revision is the Details text of a task after rev updates.
func revision(id exchange.UUID, rev int) string {
	return fmt.Sprintf("Statements of the account, task %s, revision %d.", id, rev)
}

func createAction(o exchange.Object) exchange.Action {
	return exchange.Action{CREATE: &exchange.ObjectAction{Object: o}}
}

func updateAction(o exchange.Object) exchange.Action {
	return exchange.Action{UPDATE: &exchange.ObjectAction{Object: o}}
}

func getAction(id exchange.UUID) exchange.Action {
	return exchange.Action{GET: &exchange.GetAction{Identifier: id}}
}

// listTasks lists the tasks of one case.
func listTasks(root exchange.UUID) exchange.Action {
	return exchange.Action{LIST: &exchange.ListAction{ObjectType: exchange.KindAssistanceTask, AssociatedWith: root}}
}
