// Command load drives a jcx receiver (normally `jcx serve`) with many concurrent signed
// exchanges over loopback HTTP, measures throughput and latency, and accounts for every
// message: nothing accepted may be lost or stored twice, and every replay must be refused.
//
//	go run ./bench/load --self --clients 200 --duration 60s
//	go run ./bench/load --target http://127.0.0.1:8080 --clients 16 --duration 30s
//
// Each client is a goroutine that plays the test PKI's harness requester (FR
// jcx-harness) against the test implementation identity (LU jcx-reference). It opens a
// case of its own (an Authorisation) and then, by a weighted mix (--mix), CREATEs fresh
// AssistanceTasks under it, GETs and UPDATEs the tasks it created, resends the exact bytes
// of a message already accepted (from any client, which must be refused with 8012), and
// sends one fresh message on two connections at once (exactly one may be accepted). All
// clients share one http.Client with keep-alive connections.
//
// Every response must verify (exchange.Verify against the test CA), come from the
// implementation, be correlated with its request (same TransactionIdentifier, addressed
// back to the sender) and carry the receipt of the exact request bytes. Because each
// client owns its tasks, it knows the generation each must be at, so a lost, repeated or
// stale update shows up at the next GET. After the run an audit LISTs every case and GETs
// a sample of the tasks: each accepted CREATE must be listed exactly once, at the
// generation its accepted UPDATEs put it, and nothing else may be listed. A request whose
// response never arrived (transport error or timeout) leaves its effect in doubt; the
// audit then accepts either outcome and reports how many there were.
//
// Latency is the HTTP round trip (request written to response read), not the client's
// own signing and verification; msg/s counts round trips that got a response. On one
// machine the client's cryptography competes with the server's for the same cores, so
// --server-pid (or --self, which reports the whole process) gives the CPU time the
// server spent per message as well.
//
// Targets must be on loopback: the tool is for measuring a local server, not for
// loading someone else's. --self starts the reference implementation in this process on
// 127.0.0.1:0, and --cpuprofile then profiles client and server together (focus on
// refimpl.(*Server).ServeHTTP to see the server alone).
//
// Exit status: 0 when every message is accounted for and no check failed, 1 when a
// problem was found (the report lists them by kind), 2 for a usage error or a target that
// cannot be reached.
package main
