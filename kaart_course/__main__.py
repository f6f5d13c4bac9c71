from kaart_course.cli import main

main()
