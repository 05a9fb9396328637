// Package hub drives the course's JupyterHub (.hub/, `make hub`) as a class
// would: learners log in through the hub's REST API with their passwords,
// start their servers, and run a notebook in their own kernels, all at once.
// [LoadTest] is what `make hub-loadtest` runs (command hub/loadtest): it
// makes throwaway accounts, starts a hub on loopback, runs notebook
// 00-overview in quick mode for every learner at once, measures the hub
// API's latency meanwhile, checks that every run succeeded and that every
// result in each learner's history carries the contention sample (package
// contention), and removes the hub, the servers and the accounts.
//
// It needs root, Debian's jupyterhub and the hub's set-up (`.hub/hub install`
// and `.hub/hub system`); it talks to 127.0.0.1 only.
package hub
