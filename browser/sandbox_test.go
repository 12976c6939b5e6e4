package browser

import (
	"strings"
	"testing"
)

// TestNoSandbox checks when Chrome starts without its sandbox: only as
// root (where Chrome cannot start it) or when SAAVU_NO_SANDBOX asks for it.
func TestNoSandbox(t *testing.T) {
	tests := []struct {
		name    string
		euid    int
		env     string
		wantOff bool
		wantWhy string // in why; "" when the sandbox stays on
		wantErr string
	}{
		{name: "user, unset", euid: 1000, env: ""},
		{name: "user, 0", euid: 1000, env: "0"},
		{name: "user, false", euid: 1000, env: "false"},
		{name: "user, 1", euid: 1000, env: "1", wantOff: true, wantWhy: "SAAVU_NO_SANDBOX=1"},
		{name: "user, true", euid: 1000, env: "true", wantOff: true, wantWhy: "SAAVU_NO_SANDBOX=true"},
		{name: "root, unset", euid: 0, env: "", wantOff: true, wantWhy: "running as root"},
		{name: "root, 1", euid: 0, env: "1", wantOff: true, wantWhy: "running as root"},
		{name: "root, 0", euid: 0, env: "0", wantOff: true, wantWhy: "running as root"},
		{name: "user, typo", euid: 1000, env: "yes please", wantErr: `SAAVU_NO_SANDBOX="yes please": set it to 1`},
		{name: "root, typo", euid: 0, env: "on", wantErr: `SAAVU_NO_SANDBOX="on"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, why, err := noSandbox(tt.euid, tt.env)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if off != tt.wantOff {
				t.Errorf("off = %v, want %v", off, tt.wantOff)
			}
			if tt.wantWhy == "" && why != "" || !strings.Contains(why, tt.wantWhy) {
				t.Errorf("why = %q, want %q in it", why, tt.wantWhy)
			}
		})
	}
}
