// Command saavu audits web pages against EN 301 549 (WCAG 2.1 A/AA) in headless Chrome.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"saavu/cmd"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { <-ctx.Done(); stop() }() // after the first signal, a second one kills at once
	os.Exit(cmd.Main(ctx))
}
