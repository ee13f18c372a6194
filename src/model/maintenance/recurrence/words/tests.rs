//! Recurrences in the words of the built-in languages other than English (English is tested
//! with the rules, in `recurrence/tests.rs`).

use super::super::tests::{berlin, utc};

/// `rule` from `day` 22:00 to 23:30 Berlin time, in the words of `language`.
fn described(language: &str, rule: &str, day: &str) -> String {
    berlin(&format!(
        "start = {day}T22:00:00\nend = {day}T23:30:00\nrepeat = \"{rule}\"\n"
    ))
    .describe(
        utc("2026-01-10T00:00:00Z"),
        crate::i18n::table(language, None),
    )
}

#[test]
fn french_says_the_first_of_the_month_and_a_sunday_in_two() {
    let cases = [
        (
            "FREQ=WEEKLY;BYDAY=SU;COUNT=4",
            "2026-01-04",
            "Chaque dimanche, de 22:00 à 23:30 CET, 4 fois",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU",
            "2026-01-04",
            "Un dimanche sur deux, de 22:00 à 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1",
            "2026-02-01",
            "Le 1er de chaque mois, de 22:00 à 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=21",
            "2026-01-21",
            "Le 21 tous les deux mois, de 22:00 à 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231",
            "2026-01-30",
            "Le dernier vendredi de chaque mois, de 22:00 à 23:30 CET, jusqu'au 31 déc. 2026",
        ),
    ];
    for (rule, day, words) in cases {
        assert_eq!(described("fr", rule, day), words, "{rule}");
    }
}

#[test]
fn spanish_names_the_day_of_the_month_and_the_weekday() {
    let cases = [
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=1",
            "2026-01-05",
            "Cada lunes, miércoles y viernes, de 22:00 a 23:30 CET, 1 vez",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1",
            "2026-02-01",
            "El día 1 de cada mes, de 22:00 a 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            "2026-01-03",
            "El primer sábado de cada mes, de 22:00 a 23:30 CET",
        ),
    ];
    for (rule, day, words) in cases {
        assert_eq!(described("es", rule, day), words, "{rule}");
    }
}

#[test]
fn italian_puts_the_months_first_and_no_ordinal_before_a_weekday() {
    let cases = [
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU",
            "2026-01-03",
            "Ogni due settimane, di sabato e domenica, dalle 22:00 alle 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=8;COUNT=3",
            "2026-01-08",
            "Ogni mese, il giorno 8, dalle 22:00 alle 23:30 CET, 3 volte",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SU",
            "2026-01-04",
            "Ogni mese, il primo giorno che cade di domenica, dalle 22:00 alle 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
            "2026-01-30",
            "A mesi alterni, l'ultimo giorno che cade di venerdì, dalle 22:00 alle 23:30 CET",
        ),
    ];
    for (rule, day, words) in cases {
        assert_eq!(described("it", rule, day), words, "{rule}");
    }
}

#[test]
fn brazilian_portuguese_needs_no_article_to_agree_with_the_weekday() {
    let cases = [
        (
            "FREQ=WEEKLY;BYDAY=MO,SU",
            "2026-01-04",
            "Toda semana: segunda-feira e domingo, das 22:00 às 23:30 CET",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20260615",
            "2026-01-15",
            "Todo mês, no dia 15, das 22:00 às 23:30 CET, até 15 de jun. de 2026",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU",
            "2026-01-13",
            "A cada 3 meses, no segundo dia que for terça-feira, das 22:00 às 23:30 CET",
        ),
    ];
    for (rule, day, words) in cases {
        assert_eq!(described("pt-BR", rule, day), words, "{rule}");
    }
}
