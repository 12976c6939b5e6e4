package cmd

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"saavu/internal/build"
)

// NewCmdVersion builds `saavu version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(f.IO.Out, "saavu %s", f.Version)
			if build.Commit != "" {
				fmt.Fprintf(f.IO.Out, " (%s", build.Commit)
				if build.Date != "" {
					fmt.Fprintf(f.IO.Out, ", %s", build.Date)
				}
				fmt.Fprint(f.IO.Out, ")")
			}
			fmt.Fprintf(f.IO.Out, " %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
