from composecheck.cli import main

main(prog_name="composecheck")
