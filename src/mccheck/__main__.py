from mccheck.cli import main

main()
