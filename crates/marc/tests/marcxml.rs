//! MARCXML against real files: the shared corpus of public MARC test suites (some broken on
//! purpose, some not MARCXML at all), agreement with the same records in ISO 2709, round
//! trips of Qiao's demo records, and hostile input (broken XML, entity bombs, huge values,
//! deep nesting) that must give precise errors and never stop the stream or exhaust memory.

use qiao_i18n::localizer::message_ids;
use qiao_i18n::{Lang, Localizer, Message};
use qiao_marc::iso2709;
use qiao_marc::marcxml::{self, ErrorKind, MarcXmlError, Note, ReadRecord, WriteError};
use qiao_marc::{Field, Leader, Record, Subfield, Tag};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

use common::{corpus, corpus_root, demo};

fn read(relative: &str) -> Vec<Result<ReadRecord, MarcXmlError>> {
    marcxml::read_bytes(&std::fs::read(corpus(relative)).unwrap())
}

fn records(relative: &str) -> Vec<ReadRecord> {
    read(relative).into_iter().map(|r| r.unwrap_or_else(|e| panic!("{relative}: {e}"))).collect()
}

/// The only item, which must be an error.
fn only_error(items: &[Result<ReadRecord, MarcXmlError>]) -> &MarcXmlError {
    assert_eq!(items.len(), 1, "{items:#?}");
    items[0].as_ref().expect_err("an error")
}

fn title(record: &Record) -> &str {
    record.subfield("245", 'a').or_else(|| record.subfield("200", 'a')).unwrap_or("")
}

/// Line and column (from 1, in characters) of the first `needle` in `text`: where an error
/// must point, computed independently of the reader.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn position(error: &MarcXmlError) -> (usize, usize) {
    (error.line, error.column)
}

const NS: &str = "http://www.loc.gov/MARC21/slim";

/// A small MARC 21 record, seven lines long.
fn rec(id: &str, title: &str) -> String {
    format!(
        "<record>\n  <leader>00000nam a2200000 i 4500</leader>\n  <controlfield tag=\"001\">{id}</controlfield>\n  \
         <datafield tag=\"245\" ind1=\"1\" ind2=\"0\">\n    <subfield code=\"a\">{title}</subfield>\n  </datafield>\n</record>\n"
    )
}

fn collection(records: &[String]) -> String {
    format!("<collection xmlns=\"{NS}\">\n{}</collection>\n", records.concat())
}

fn ids(items: &[Result<ReadRecord, MarcXmlError>]) -> Vec<Result<String, ErrorKind>> {
    items
        .iter()
        .map(|item| match item {
            Ok(r) => Ok(r.record.control("001").unwrap_or("").to_string()),
            Err(e) => Err(e.kind.clone()),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The corpus.

/// Every .xml file of the corpus, and what reading it gives: records read and errors.
const CORPUS: &[(&str, usize, usize)] = &[
    ("ManagedIrbis/RUSMARC20151123.xml", 0, 1),
    ("crate-marctk/auth-marc-sample1.xml", 1, 0),
    ("crate-marctk/bib-marc-sample1.xml", 1, 0),
    ("crate-mrrc/error_fixtures/e401_bad_char_reference.xml", 0, 1),
    ("crate-mrrc/error_fixtures/e401_malformed_marcxml.xml", 0, 1),
    ("crate-mrrc/error_fixtures/e401_no_record_element.xml", 0, 1),
    ("crate-mrrc/error_fixtures/e401_unexpected_eof_in_subfield.xml", 0, 1),
    ("idzebra/collection-2.xml", 2, 0),
    ("idzebra/collection-clasmrc.xml", 20, 0),
    ("idzebra/collection-namemrc.xml", 20, 0),
    ("idzebra/collection-opera-43.xml", 43, 0),
    ("idzebra/collection-sandburg-1.xml", 1, 0),
    ("idzebra/collection-subjmrc.xml", 20, 0),
    ("idzebra/m1.xml", 1, 0),
    ("idzebra/m2.xml", 1, 0),
    ("idzebra/m3.xml", 1, 0),
    ("idzebra/marc-col.xml", 3, 0),
    ("idzebra/marc-missing-ns.xml", 1, 0),
    ("idzebra/marc-one.xml", 1, 0),
    ("marcjs/bib.xml", 6, 0),
    ("perl-MARC-File-XML/batch-ns.xml", 10, 0),
    ("perl-MARC-File-XML/batch.xml", 10, 0),
    ("perl-MARC-File-XML/empty-record-2.xml", 0, 1),
    ("perl-MARC-File-XML/empty-record.xml", 0, 1),
    ("perl-MARC-File-XML/invalid.xml", 0, 1),
    ("perl-MARC-File-XML/namespace.xml", 1, 0),
    ("perl-MARC-File-XML/subfield0.xml", 1, 0),
    ("perl-MARC-Parser-XML/marc-ns-prefix.xml", 10, 0),
    ("perl-MARC-Parser-XML/marc.xml", 10, 0),
    ("pymarc/bad_tag.xml", 0, 1),
    ("pymarc/batch.xml", 2, 0),
    ("pymarc/utf8.xml", 1, 0),
    ("yaz/marc0.xml", 1, 0),
    ("yaz/marc1.xml", 1, 0),
    ("yaz/marc10.xml", 1, 0),
    ("yaz/marc11.xml", 1, 0),
    ("yaz/marc2.xml", 0, 1),
    ("yaz/marc3.xml", 1, 0),
    ("yaz/marc4.xml", 1, 0),
    ("yaz/marc5.xml", 0, 1),
    ("yaz/marc6.xml", 1, 0),
    ("yaz/marc7.xml", 1, 0),
    ("yaz/marc8.xml", 1, 0),
    ("yaz/marc9.xml", 1, 0),
    // Index Data's TurboMARC, a different schema: one clear "not MARCXML" each.
    ("yaz/tmarc0.xml", 0, 1),
    ("yaz/tmarc1.xml", 0, 1),
    ("yaz/tmarc10.xml", 0, 1),
    ("yaz/tmarc11.xml", 0, 1),
    ("yaz/tmarc2.xml", 0, 1),
    ("yaz/tmarc3.xml", 0, 1),
    ("yaz/tmarc4.xml", 0, 1),
    ("yaz/tmarc5.xml", 0, 1),
    ("yaz/tmarc6.xml", 0, 1),
    ("yaz/tmarc7.xml", 0, 1),
    ("yaz/tmarc8.xml", 0, 1),
    ("yaz/tmarc9.xml", 0, 1),
];

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
            out.push(path);
        }
    }
}

#[test]
fn every_xml_file_in_the_corpus_reads_fully_or_reports_precisely() {
    let root = corpus_root();
    let mut files = Vec::new();
    xml_files(&root, &mut files);
    let english = Localizer::new(Lang::En);
    let mut seen = 0;
    for path in files {
        let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let Some(&(_, good, bad)) = CORPUS.iter().find(|(file, _, _)| *file == name) else {
            panic!("{name} is not in the expectations: read it and add it");
        };
        seen += 1;
        let items = marcxml::read_bytes(&std::fs::read(&path).unwrap());
        let ok: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
        let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!((ok.len(), errors.len()), (good, bad), "{name}: {errors:#?}");
        // Records are numbered in file order; every error says where it is, in words.
        for (i, record) in ok.iter().enumerate() {
            assert!(record.line >= 1, "{name}");
            assert!(i == 0 || record.number > ok[i - 1].number, "{name}");
        }
        for error in errors {
            assert!(error.line >= 1 && error.column >= 1, "{name}: {error}");
            let text = english.message(&error.message());
            assert!(!text.starts_with("marcxml-") && !text.contains("{$"), "{name}: {text}");
        }
    }
    assert_eq!(seen, CORPUS.len(), "files in the expectations are missing from the corpus");
}

#[test]
fn real_titles_and_counts() {
    let sample = records("crate-marctk/bib-marc-sample1.xml");
    assert_eq!(title(&sample[0].record), "The Arias for bass :");
    assert_eq!(sample[0].record.leader.as_str(), "07651cim a2200913 i 4500");
    assert_eq!(sample[0].line, 2);

    let batch = records("perl-MARC-File-XML/batch.xml");
    assert_eq!(title(&batch[0].record), "ActivePerl with ASP and ADO /");
    assert_eq!(title(&batch[9].record), "Cross-platform Perl /");
    assert_eq!(batch[0].record.control("001"), Some("fol05731351 "), "values keep their spaces");
    // The same ten records with a default namespace and with the `marc:` prefix.
    let prefixed = records("perl-MARC-Parser-XML/marc-ns-prefix.xml");
    let plain = records("perl-MARC-Parser-XML/marc.xml");
    assert_eq!(
        prefixed.iter().map(|r| &r.record).collect::<Vec<_>>(),
        plain.iter().map(|r| &r.record).collect::<Vec<_>>()
    );
    assert_eq!(
        plain.iter().map(|r| &r.record).collect::<Vec<_>>(),
        batch.iter().map(|r| &r.record).collect::<Vec<_>>()
    );
    let batch_ns = records("perl-MARC-File-XML/batch-ns.xml");
    assert_eq!(
        batch_ns.iter().map(|r| &r.record).collect::<Vec<_>>(),
        batch.iter().map(|r| &r.record).collect::<Vec<_>>()
    );

    // UNIMARC from the BnF, in the MARC 21 slim schema.
    let bnf = records("marcjs/bib.xml");
    assert_eq!(title(&bnf[0].record), "Greek printing types");
    assert_eq!(title(&bnf[5].record), "La gravure en France au XVIe siècle");
    assert_eq!(bnf[0].record.control("001"), Some("FRBNF323046990000009"));

    // Zebra's files: an internal DTD entity (&com;), a <rank> element in each record and an
    // element with an undeclared prefix: read, with what was left out reported.
    let zebra = records("idzebra/marc-col.xml");
    assert_eq!(title(&zebra[0].record), "How to program a computer");
    assert_eq!(title(&zebra[2].record), "Computer processing of dynamic images from an Anger scintillation camera :");
    assert_eq!(zebra.iter().map(|r| r.line).collect::<Vec<_>>(), [5, 38, 71]);
    assert_eq!(zebra[1].notes, [Note::IgnoredElement { name: "rank".into(), line: 39, column: 3, text: "5".into() }]);
    let missing_ns = records("idzebra/marc-missing-ns.xml");
    assert_eq!(title(&missing_ns[0].record), "How to program a computer");
    assert_eq!(
        missing_ns[0].notes,
        [
            Note::IgnoredElement { name: "rank".into(), line: 2, column: 3, text: "42".into() },
            Note::IgnoredElement { name: "e:extension".into(), line: 32, column: 5, text: String::new() },
        ]
    );
    assert_eq!(missing_ns[0].record.fields.len(), 12);

    // A record with `xmlns=""` inside a namespaced collection; `ind1=""` is blank.
    let unbound = records("perl-MARC-File-XML/namespace.xml");
    assert_eq!(title(&unbound[0].record), "19th century music");
    assert_eq!(unbound[0].record.field("022").and_then(Field::indicators), Some((' ', ' ')));
    assert_eq!(unbound[0].record.leader.as_str(), "-----nas-a22-----z--4500");

    // Decomposed accents given as character references come out composed (NFC).
    let opera = records("idzebra/collection-opera-43.xml");
    assert_eq!(opera.len(), 43);
    assert_eq!(title(&opera[13].record), "Électre");
    assert_eq!(title(&opera[41].record), "Aïda.");
    assert!(opera[3].record.fields.iter().any(|f| f.first('a') == Some("Büchner, Georg,")));
    assert_eq!(title(&opera[22].record), "Arii\u{361}a Orfei\u{361}a", "ALA-LC ligatures are kept");

    // yaz: 880 fields in Arabic, a non-ASCII indicator, a record with a leader only.
    let arabic = records("yaz/marc9.xml");
    assert_eq!(title(&arabic[0].record), "Qaḍāʼ al-usrah :");
    let parallel: Vec<_> = arabic[0].record.fields_with("880").filter_map(|f| f.first('a')).collect();
    assert_eq!(parallel[..2], ["قضاء الأسرة :", "مجلة قضاء الأسرة"]);
    assert_eq!(records("yaz/marc0.xml")[0].record.field("092").and_then(Field::indicators), Some((' ', 'á')));
    let leader_only = records("yaz/marc4.xml");
    assert!(leader_only[0].record.fields.is_empty());
    assert_eq!(title(&records("yaz/marc10.xml")[0].record), "Tegnsæt-test til Indvandrerbiblioteket.");
    assert_eq!(title(&records("pymarc/utf8.xml")[0].record), "Zen Classics");
    assert_eq!(title(&records("pymarc/batch.xml")[1].record), "The White House");
}

#[test]
fn files_broken_on_purpose_give_the_exact_error() {
    // A <datafield> straight inside <collection>, with no record around it.
    let invalid = read("perl-MARC-File-XML/invalid.xml");
    let error = only_error(&invalid);
    assert_eq!(
        error.kind,
        ErrorKind::UnexpectedElement { name: "datafield".into(), parent: Some("collection".into()) }
    );
    assert_eq!(position(error), (6, 1));

    // pymarc's bad_tag.xml: its leader is 17 characters, which is what fails first…
    let bad_tag = read("pymarc/bad_tag.xml");
    let error = only_error(&bad_tag);
    assert_eq!(error.kind, ErrorKind::InvalidLeader { found: "      Z   22 4500".into(), length: 17 });
    assert_eq!(position(error), (3, 3));
    // …and with a 24-character leader, the two-digit tag "42" on line 12.
    let text = std::fs::read_to_string(corpus("pymarc/bad_tag.xml")).unwrap();
    let text = text.replace("      Z   22 4500", "00000nam a2200000 i 4500");
    let items = marcxml::read_str(&text);
    let error = only_error(&items);
    assert_eq!(error.kind, ErrorKind::BadTag { element: "ns0:datafield".into(), found: "42".into() });
    assert_eq!(position(error), (12, 3));

    // yaz's files with non-ASCII subfield codes, which ISO 2709 refuses as well.
    let error = only_error(&read("yaz/marc2.xml")).clone();
    assert_eq!(error.kind, ErrorKind::BadSubfieldCode { tag: "795".into(), found: "å".into() });
    assert_eq!(position(&error), (68, 5));
    let error = only_error(&read("yaz/marc5.xml")).clone();
    assert_eq!(error.kind, ErrorKind::BadSubfieldCode { tag: "250".into(), found: "η".into() });
    assert_eq!(position(&error), (15, 5));

    // mrrc's error fixtures.
    let error = only_error(&read("crate-mrrc/error_fixtures/e401_bad_char_reference.xml")).clone();
    assert_eq!((error.kind.clone(), position(&error)), (ErrorKind::BadReference("#xFFFFFFF".into()), (5, 30)));
    let error = only_error(&read("crate-mrrc/error_fixtures/e401_malformed_marcxml.xml")).clone();
    assert!(matches!(&error.kind, ErrorKind::Malformed(detail) if detail.contains("WRONG")), "{error}");
    assert_eq!(position(&error), (5, 40));
    let error = only_error(&read("crate-mrrc/error_fixtures/e401_unexpected_eof_in_subfield.xml")).clone();
    assert_eq!((error.kind.clone(), position(&error)), (ErrorKind::UnexpectedEof("subfield".into()), (5, 40)));
    let error = only_error(&read("crate-mrrc/error_fixtures/e401_no_record_element.xml")).clone();
    let expected = ErrorKind::UnexpectedElement { name: "notarecord".into(), parent: Some("collection".into()) };
    assert_eq!((error.kind.clone(), position(&error)), (expected, (3, 3)));

    // Records with no leader at all.
    for file in ["perl-MARC-File-XML/empty-record.xml", "perl-MARC-File-XML/empty-record-2.xml"] {
        let error = only_error(&read(file)).clone();
        assert_eq!((error.kind.clone(), position(&error), error.record), (ErrorKind::MissingLeader, (1, 1), 1));
    }
}

#[test]
fn files_that_are_not_marcxml_say_so_once() {
    // The RUSMARC field dictionary: 2.7 MB of well-formed XML with no records in it.
    let dictionary = read("ManagedIrbis/RUSMARC20151123.xml");
    let error = only_error(&dictionary);
    assert_eq!(error.kind, ErrorKind::NotMarcXml { root: "FORMAT".into(), namespace: String::new() });
    assert_eq!(position(error), (2, 1));
    let turbomarc = read("yaz/tmarc1.xml");
    let error = only_error(&turbomarc);
    assert_eq!(
        error.kind,
        ErrorKind::NotMarcXml { root: "collection".into(), namespace: "http://www.indexdata.com/turbomarc".into() }
    );
    let text = Localizer::new(Lang::Ru).message(&error.message());
    assert!(text.contains("не MARCXML") && text.contains("turbomarc"), "{text}");
    // Nothing at all.
    assert_eq!(
        ids(&marcxml::read_str("<?xml version=\"1.0\"?>\n")),
        [Err(ErrorKind::NotMarcXml { root: String::new(), namespace: String::new() })]
    );
    assert!(marcxml::read_str(&collection(&[])).is_empty(), "an empty collection is no error");
}

// ---------------------------------------------------------------------------------------
// Agreement with ISO 2709.

/// Reads the same records from MARCXML and ISO 2709 and compares them field for field, and
/// the leaders outside the computed lengths (0–4, 12–16) and `leader_skip`. `known` lists
/// the fields (record index, tag) where the corpus files really differ: each must differ.
fn assert_agree(xml: &str, iso: &str, leader_skip: &[usize], known: &[(usize, &str)]) {
    let from_xml = read(xml);
    let from_iso = iso2709::read_bytes(&std::fs::read(corpus(iso)).unwrap());
    assert_eq!(from_xml.len(), from_iso.len(), "{xml}");
    assert!(!from_xml.is_empty(), "{xml}");
    let mut differences = Vec::new();
    for (index, (a, b)) in from_xml.iter().zip(&from_iso).enumerate() {
        let (a, b) = (&a.as_ref().unwrap().record, &b.as_ref().unwrap().record);
        let positions = |leader: &Leader| -> String {
            (0..24)
                .filter(|p| !(0..5).contains(p) && !(12..17).contains(p) && !leader_skip.contains(p))
                .filter_map(|p| leader.at(p))
                .collect()
        };
        assert_eq!(positions(&a.leader), positions(&b.leader), "{xml} record {index}");
        assert_eq!(a.fields.len(), b.fields.len(), "{xml} record {index}");
        for (fa, fb) in a.fields.iter().zip(&b.fields) {
            assert_eq!(fa.tag(), fb.tag(), "{xml} record {index}");
            if fa != fb {
                differences.push((index, fa.tag().to_string()));
            }
        }
    }
    let known: Vec<_> = known.iter().map(|(i, tag)| (*i, tag.to_string())).collect();
    assert_eq!(differences, known, "{xml}: fields that differ from {iso}");
}

#[test]
fn the_same_records_agree_with_iso2709() {
    assert_agree("crate-marctk/auth-marc-sample1.xml", "crate-marctk/auth-marc-sample1.mrc", &[], &[]);
    // The XML copy of this sample was edited to test quotes: 830 reads G. "Schirmer".
    assert_agree("crate-marctk/bib-marc-sample1.xml", "crate-marctk/bib-marc-sample1.mrc", &[], &[(0, "830")]);
    // The BnF's UNIMARC: the XML says leader/09 "a" (Unicode), the ISO 2709 copy blank.
    assert_agree("marcjs/bib.xml", "marcjs/bib.mrc", &[9], &[]);
    // Zebra's XML copy pads control fields with extra spaces and shortens record 3's 001
    // and 010; every other field, and every subfield, agrees.
    let padded = ["001", "003", "005", "008"];
    let mut known: Vec<(usize, &str)> = (0..3).flat_map(|i| padded.iter().map(move |t| (i, *t))).collect();
    known.push((2, "010"));
    assert_agree("idzebra/marc-col.xml", "idzebra/marc-col.mrc", &[], &known);
    // yaz: marcN.xml and marcN.xml.marc were made from each other (all UTF-8).
    for n in [0, 4, 6, 7, 8, 9, 10, 11] {
        assert_agree(&format!("yaz/marc{n}.xml"), &format!("yaz/marc{n}.xml.marc"), &[], &[]);
    }
    // Danish and Norwegian records whose 00X fields are data fields with subfields: MARCXML
    // says so explicitly; ISO 2709 cannot, and the tag makes them control fields there.
    for n in [1, 3] {
        let tags = ["001", "004", "008", "009"];
        let known: Vec<_> = tags.iter().map(|t| (0, *t)).collect();
        assert_agree(&format!("yaz/marc{n}.xml"), &format!("yaz/marc{n}.xml.marc"), &[], &known);
        let xml = records(&format!("yaz/marc{n}.xml"));
        assert!(matches!(xml[0].record.field("008"), Some(Field::Data { .. })));
    }
    // Both refuse the same record for the same non-ASCII subfield code.
    for (n, tag) in [(2, "795"), (5, "250")] {
        let xml = read(&format!("yaz/marc{n}.xml"));
        let iso = iso2709::read_bytes(&std::fs::read(corpus(&format!("yaz/marc{n}.xml.marc"))).unwrap());
        assert!(matches!(&xml[0].as_ref().unwrap_err().kind, ErrorKind::BadSubfieldCode { tag: t, .. } if t == tag));
        assert!(
            matches!(&iso[0].as_ref().unwrap_err().kind, iso2709::ErrorKind::BadSubfieldCode { tag: t, .. } if t == tag)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Writing.

fn written(records: &[Record]) -> String {
    let mut out = Vec::new();
    marcxml::write_collection(&mut out, records).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn demo_records_round_trip() {
    let records = demo();
    assert!(records.len() >= 40);
    let text = written(&records);
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n"
    ));
    let back: Vec<_> = marcxml::read_str(&text).into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(back.len(), records.len());
    for (original, read) in records.iter().zip(&back) {
        assert_eq!(&read.record, original);
        assert!(read.notes.is_empty());
    }
    // Chinese, Russian, 880 linkage with `$` in its value all came through.
    let all: Vec<&str> = back
        .iter()
        .flat_map(|r| r.record.fields.iter())
        .flat_map(|f| f.subfields())
        .map(|s| s.value.as_str())
        .collect();
    assert!(all.iter().any(|v| v.contains('鲁')));
    assert!(all.iter().any(|v| v.chars().any(|c| ('а'..='я').contains(&c))));
    assert!(all.contains(&"245-02/$1"));
}

fn tag(text: &str) -> Tag {
    Tag::parse(text).unwrap()
}

fn one_field_record(value: &str) -> Record {
    Record {
        leader: Leader::new_book(true),
        fields: vec![Field::Data { tag: tag("200"), ind1: '1', ind2: ' ', subfields: vec![Subfield::new('a', value)] }],
    }
}

#[test]
fn awkward_characters_are_escaped_and_come_back() {
    let record = Record {
        leader: Leader::new_book(true),
        fields: vec![
            Field::Control { tag: tag("001"), value: "RU\\NLR\\<1>&\"2\"".into() },
            Field::Data {
                tag: tag("200"),
                ind1: '"',
                ind2: '<',
                subfields: vec![
                    // UNIMARC non-sorting markers around the article.
                    Subfield::new('a', "\u{88}The \u{89}idiot ]]> & <Идиот> 'x' $y"),
                    Subfield::new('e', "line one\nline two\ttabbed\r\nend"),
                    Subfield::new('f', "  空格  "),
                    Subfield::new('&', "code & value"),
                    Subfield::new('b', ""),
                ],
            },
            Field::Data {
                tag: tag("606"),
                ind1: '\t',
                ind2: ' ',
                subfields: vec![Subfield::new('a', "\u{98}Le\u{9C} monde")],
            },
        ],
    };
    let text = written(std::slice::from_ref(&record));
    assert!(text.contains("&#x88;The &#x89;idiot ]]&gt; &amp; &lt;Идиот&gt; 'x' $y"), "{text}");
    assert!(text.contains("ind1=\"&quot;\" ind2=\"&lt;\""), "{text}");
    assert!(text.contains("<subfield code=\"&amp;\">"), "{text}");
    assert!(text.contains("ind1=\"&#x9;\""), "{text}");
    assert!(text.contains("tabbed&#xD;\nend"), "{text}");
    assert!(!text.contains('\u{98}') && !text.contains('\r'));
    let back = marcxml::read_str(&text);
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].as_ref().unwrap().record, record);
}

#[test]
fn characters_xml_cannot_hold_refuse_the_record_and_the_stream_goes_on() {
    let good = one_field_record("Война и мир");
    let bad = one_field_record("MARC-8 escape \u{1B}(B left in");
    let error = marcxml::record_xml(&bad).unwrap_err();
    assert!(matches!(&error, WriteError::ForbiddenChar { place, character: '\u{1B}' } if place == "200 $a"), "{error}");
    let text = Localizer::new(Lang::En).message(&error.message().arg("record", "RU-7"));
    assert_eq!(
        text,
        "Record RU-7: 200 $a contains the character U+001B, which XML 1.0 cannot hold; the record was not written"
    );
    let mut leader_bad = good.clone();
    leader_bad.leader = Leader::parse("00000nam\u{0}a2200000 i 4500").unwrap();
    assert!(
        matches!(marcxml::record_xml(&leader_bad), Err(WriteError::ForbiddenChar { place, character: '\0' }) if place == "LDR")
    );

    let mut writer = marcxml::Writer::new(Vec::new());
    writer.write(&good).unwrap();
    assert!(writer.write(&bad).is_err());
    writer.write(&one_field_record("红楼梦")).unwrap();
    let out = String::from_utf8(writer.finish().unwrap()).unwrap();
    let titles: Vec<String> =
        marcxml::read_str(&out).into_iter().map(|r| title(&r.unwrap().record).to_string()).collect();
    assert_eq!(titles, ["Война и мир", "红楼梦"]);

    // The free functions the export uses stream the same document.
    let mut out = Vec::new();
    marcxml::write_start(&mut out).unwrap();
    marcxml::write_record(&mut out, &good).unwrap();
    assert!(matches!(marcxml::write_record(&mut out, &bad), Err(WriteError::ForbiddenChar { .. })));
    marcxml::write_end(&mut out).unwrap();
    assert_eq!(marcxml::read_bytes(&out).len(), 1);
}

// ---------------------------------------------------------------------------------------
// What real files do that the schema does not say.

#[test]
fn namespaces_prefixes_and_wrappers() {
    let body = "<leader>00000nam0 2200000   450 </leader><controlfield tag=\"001\">1</controlfield>\
                <datafield tag=\"200\" ind1=\"1\" ind2=\" \"><subfield code=\"a\">Мастер и Маргарита</subfield></datafield>";
    let prefixed = body.replace('<', "<m:").replace("<m:/", "</m:");
    let forms = [
        format!("<collection xmlns=\"{NS}\"><record>{body}</record></collection>"),
        format!("<m:collection xmlns:m=\"{NS}\"><m:record>{prefixed}</m:record></m:collection>"),
        // No namespace at all.
        format!("<collection><record>{body}</record></collection>"),
        format!("<record>{body}</record>"),
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<m:record xmlns:m=\"{NS}\">{prefixed}</m:record>"),
        // ISO 25577 MarcXchange, which some UNIMARC exporters use.
        format!("<collection xmlns=\"info:lc/xmlns/marcxchange-v1\"><record format=\"UNIMARC\" type=\"Bibliographic\">{body}</record></collection>"),
        // An SRU response: its own <record> is not MARC; the MARC one inside is.
        format!(
            "<zs:searchRetrieveResponse xmlns:zs=\"http://www.loc.gov/zing/srw/\"><zs:numberOfRecords>1</zs:numberOfRecords>\
             <zs:records><zs:record><zs:recordSchema>marcxml</zs:recordSchema><zs:recordData>\
             <record xmlns=\"{NS}\">{body}</record></zs:recordData><zs:recordPosition>1</zs:recordPosition></zs:record>\
             </zs:records></zs:searchRetrieveResponse>"
        ),
        // OAI-PMH, with its own default namespace and a <record> of its own.
        format!(
            "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords><record><header>\
             <identifier>oai:rsl:1</identifier></header><metadata><marc:record xmlns:marc=\"{NS}\">{}</marc:record>\
             </metadata></record></ListRecords></OAI-PMH>",
            body.replace('<', "<marc:").replace("<marc:/", "</marc:")
        ),
    ];
    let mut expected = None;
    for form in &forms {
        let items = marcxml::read_str(form);
        assert_eq!(items.len(), 1, "{form}");
        let read = items[0].as_ref().unwrap_or_else(|e| panic!("{form}: {e}"));
        assert!(read.notes.is_empty(), "{form}: {:?}", read.notes);
        assert_eq!(title(&read.record), "Мастер и Маргарита");
        assert_eq!(read.number, 1);
        match &expected {
            None => expected = Some(read.record.clone()),
            Some(first) => assert_eq!(&read.record, first, "{form}"),
        }
    }
}

#[test]
fn text_is_decoded_and_normalized() {
    let value = "A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos; &#x4E2D;&#25991; Cafe&#x301; \
                 Е&#x308;лка <![CDATA[<raw & text>]]>";
    let text = collection(&[rec("x", value).replace("</subfield>", "\r\nnext</subfield>")]);
    let items = marcxml::read_str(&text);
    let record = &items[0].as_ref().unwrap().record;
    assert_eq!(title(record), "A & B <C> \"q\" 's' 中文 Café Ёлка <raw & text>\nnext");
    assert_eq!(title(record).chars().filter(|c| *c == 'é' || *c == 'Ё').count(), 2, "composed (NFC)");
}

#[test]
fn leaders_lose_indentation_but_keep_their_own_blanks() {
    let leader = |text: &str| {
        let items = marcxml::read_str(&format!("<record><leader>{text}</leader></record>"));
        items.into_iter().next().unwrap().map(|r| r.record.leader.as_str().to_string()).map_err(|e| e.kind)
    };
    assert_eq!(leader("\n      00000nam0 2200000   450 \n    "), Ok("00000nam0 2200000   450 ".into()));
    assert_eq!(leader("     nam a22     uu 4500"), Ok("     nam a22     uu 4500".into()));
    assert_eq!(leader("  01234cam a2200289 a 4500  "), Ok("01234cam a2200289 a 4500".into()));
    assert_eq!(
        leader("00000nam a2200000 i 450"),
        Err(ErrorKind::InvalidLeader { found: "00000nam a2200000 i 450".into(), length: 23 })
    );
    let duplicate = marcxml::read_str(
        "<record><leader>00000nam a2200000 i 4500</leader><leader>00000nam a2200000 i 4500</leader></record>",
    );
    assert_eq!(
        duplicate[0].as_ref().unwrap_err().kind,
        ErrorKind::UnexpectedElement { name: "leader".into(), parent: Some("record".into()) }
    );
}

#[test]
fn tags_indicators_and_codes_are_checked_and_the_stream_goes_on() {
    let field = |attrs: &str, code: &str| {
        format!(
            "<record>\n  <leader>00000nam a2200000 i 4500</leader>\n  <controlfield tag=\"001\">{attrs}</controlfield>\n  \
             <datafield {attrs}>\n    <subfield {code}>v</subfield>\n  </datafield>\n</record>\n"
        )
    };
    let text = collection(&[
        field(r#"tag="245""#, r#"code="a""#),
        field(r#"tag="245" ind1="" ind2="""#, r#"code="a""#),
        field(r#"tag="245" ind1="10""#, r#"code="a""#),
        field(r#"tag="24""#, r#"code="a""#),
        field(r#"tag="245""#, r#"code="ab""#),
        field(r#"tag="245""#, r#"code="""#),
        field(r#"tag="245""#, ""),
        field(r#"tag="245" ind2="&#x31;""#, r#"code="&#x62;""#),
        rec("last", "Last"),
    ]);
    let items = marcxml::read_str(&text);
    assert_eq!(items.len(), 9);
    let indicators = |i: usize| items[i].as_ref().unwrap().record.field("245").and_then(Field::indicators);
    assert_eq!(indicators(0), Some((' ', ' ')), "missing indicators are blank");
    assert_eq!(indicators(1), Some((' ', ' ')), "empty indicators are blank");
    assert_eq!(indicators(7), Some((' ', '1')));
    assert_eq!(items[7].as_ref().unwrap().record.subfield("245", 'b'), Some("v"));
    let kind = |i: usize| items[i].as_ref().unwrap_err().kind.clone();
    assert_eq!(kind(2), ErrorKind::BadIndicator { tag: "245".into(), which: 1, found: "10".into() });
    assert_eq!(kind(3), ErrorKind::BadTag { element: "datafield".into(), found: "24".into() });
    assert_eq!(kind(4), ErrorKind::BadSubfieldCode { tag: "245".into(), found: "ab".into() });
    assert_eq!(kind(5), ErrorKind::BadSubfieldCode { tag: "245".into(), found: String::new() });
    assert_eq!(kind(6), ErrorKind::BadSubfieldCode { tag: "245".into(), found: String::new() });
    // Each error points at its element; records keep their numbers.
    let third = items[2].as_ref().unwrap_err();
    assert_eq!((third.record, third.line, third.column), (3, 2 + 7 * 2 + 3, 3));
    let fifth = items[4].as_ref().unwrap_err();
    assert_eq!((fifth.record, fifth.line, fifth.column), (5, 2 + 7 * 4 + 4, 5));
    assert_eq!(items[8].as_ref().unwrap().number, 9);
}

#[test]
fn elements_that_are_not_marc_are_left_out_with_a_note_and_misplaced_ones_refused() {
    let text = collection(&[
        rec("1", "One").replace(
            "  <controlfield",
            "  <rank>42</rank>\n  <x:holdings xmlns:x=\"urn:example\"><x:item>Shelf 7</x:item></x:holdings>\n  <controlfield",
        ),
        rec("2", "Two").replace("  <controlfield", "  <subfield code=\"a\">stray</subfield>\n  <controlfield"),
        rec("3", "Three <i>bold</i> words"),
        rec("4", "Four").replace("    <subfield", "    loose text\n    <subfield"),
        rec("5", "Five").replace("<record>", "<record>\n  <record>").replacen("</record>", "</record>\n</record>", 1),
        rec("6", "Six"),
    ]);
    let items = marcxml::read_str(&text);
    assert_eq!(items.len(), 6, "{items:#?}");
    let first = items[0].as_ref().unwrap();
    assert_eq!(title(&first.record), "One");
    assert_eq!(
        first.notes,
        [
            Note::IgnoredElement { name: "rank".into(), line: 4, column: 3, text: "42".into() },
            Note::IgnoredElement { name: "x:holdings".into(), line: 5, column: 3, text: "Shelf 7".into() },
        ]
    );
    let message = Localizer::new(Lang::ZhCn).message(&first.notes[1].message());
    assert_eq!(message, "第 5 行第 3 列：元素 <x:holdings> 不属于 MARCXML，已略去（“Shelf 7”）");
    let kind = |i: usize| items[i].as_ref().unwrap_err().kind.clone();
    assert_eq!(kind(1), ErrorKind::UnexpectedElement { name: "subfield".into(), parent: Some("record".into()) });
    assert_eq!(kind(2), ErrorKind::UnexpectedElement { name: "i".into(), parent: Some("subfield".into()) });
    assert_eq!(kind(3), ErrorKind::UnexpectedText { text: "loose text".into(), parent: "datafield".into() });
    assert_eq!(kind(4), ErrorKind::UnexpectedElement { name: "record".into(), parent: Some("record".into()) });
    let third = items[2].as_ref().unwrap_err();
    assert_eq!(position(third), locate(&text, "<i>bold"));
    assert_eq!(ids(&items[5..]), [Ok("6".to_string())]);
}

// ---------------------------------------------------------------------------------------
// Broken and hostile input: a precise error, no panic, and the stream goes on.

#[test]
fn broken_xml_is_reported_where_it_is_and_reading_resumes_at_the_next_record() {
    let text = collection(&[
        rec("1", "One"),
        // An end tag that closes the wrong element.
        rec("2", "Two").replace("</subfield>", "</datafield>"),
        rec("3", "Three"),
        // An unclosed start tag.
        rec("4", "Four").replace("<subfield code=\"a\">", "<subfield code=\"a\""),
        rec("5", "Five"),
        // A bad entity and a bare ampersand.
        rec("6", "Six&nbsp;six"),
        rec("7", "Seven & seven"),
        rec("8", "Eight"),
    ]);
    let items = marcxml::read_str(&text);
    assert_eq!(
        ids(&items).iter().map(|r| r.as_ref().map(String::as_str).map_err(|_| ())).collect::<Vec<_>>(),
        [Ok("1"), Err(()), Ok("3"), Err(()), Ok("5"), Err(()), Err(()), Ok("8")]
    );
    let error = |i: usize| items[i].as_ref().unwrap_err();
    assert!(matches!(&error(1).kind, ErrorKind::Malformed(d) if d.contains("</datafield>")), "{}", error(1));
    assert_eq!(position(error(1)), locate(&text, "</datafield>\n  </datafield>"));
    assert!(matches!(&error(3).kind, ErrorKind::Malformed(_)), "{}", error(3));
    assert_eq!(error(3).line, locate(&text, "<subfield code=\"a\"Four").0);
    assert_eq!(error(5).kind, ErrorKind::BadReference("nbsp".into()));
    assert_eq!(position(error(5)), locate(&text, "&nbsp;"));
    assert!(matches!(&error(6).kind, ErrorKind::Malformed(_)), "{}", error(6));
    assert_eq!(error(6).line, locate(&text, "Seven &").0);
    assert_eq!(items[7].as_ref().unwrap().number, 8);
    assert_eq!(
        items[7].as_ref().unwrap().line,
        locate(&text, "<record>\n  <leader>00000nam a2200000 i 4500</leader>\n  <controlfield tag=\"001\">8<").0
    );
}

#[test]
fn a_truncated_file_keeps_the_records_before_the_cut() {
    let full = collection(&[rec("1", "One"), rec("2", "Two"), rec("3", "Three")]);
    let cut = &full[..full.find("Three").unwrap() + 2];
    let items = marcxml::read_str(cut);
    assert_eq!(ids(&items), [Ok("1".into()), Ok("2".into()), Err(ErrorKind::UnexpectedEof("subfield".into()))]);
    let error = items[2].as_ref().unwrap_err();
    assert_eq!((error.record, error.line, error.column), (3, 2 + 7 * 2 + 4, 26));
    // Cut between records: the records are whole, and the cut is still said.
    let cut = &full[..full.find("</collection>").unwrap()];
    let items = marcxml::read_str(cut);
    assert_eq!(items.len(), 4);
    assert_eq!(items[3].as_ref().unwrap_err().kind, ErrorKind::UnexpectedEof("collection".into()));
}

#[test]
fn billion_laughs_does_not_expand() {
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE collection [\n  <!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let previous = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("  <!ENTITY lol{i} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    dtd.push_str("  <!ENTITY ext SYSTEM \"file:///etc/passwd\">\n  <!ENTITY place \"Москва\">\n]>\n");
    let text = format!("{dtd}{}", collection(&[rec("1", "&lol9;"), rec("2", "&ext;"), rec("3", "&place;: &lol;")]));
    let started = Instant::now();
    let items = marcxml::read_str(&text);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        ids(&items),
        [Err(ErrorKind::BadReference("lol9".into())), Err(ErrorKind::BadReference("ext".into())), Ok("3".into())]
    );
    assert_eq!(position(items[0].as_ref().unwrap_err()), locate(&text, "&lol9;</subfield>"));
    // Plain-text internal entities are the only ones expanded.
    assert_eq!(title(&items[2].as_ref().unwrap().record), "Москва: lol");
}

#[test]
fn a_huge_value_is_refused_without_reading_it_whole() {
    let huge = "x".repeat(2 << 20);
    let text = collection(&[rec("1", "One"), rec("2", &huge), rec("3", "Three")]);
    let items = marcxml::read_str(&text);
    assert_eq!(ids(&items), [Ok("1".into()), Err(ErrorKind::ValueTooLong(marcxml::MAX_VALUE_BYTES)), Ok("3".into())]);
    assert_eq!(position(items[1].as_ref().unwrap_err()), locate(&text, "xxxx"));
    // The same size made of many small pieces (references split the text) fails the same.
    let pieces = "ab&amp;".repeat(400_000);
    let text = collection(&[rec("1", &pieces), rec("2", "Two")]);
    let items = marcxml::read_str(&text);
    assert_eq!(ids(&items), [Err(ErrorKind::ValueTooLong(marcxml::MAX_VALUE_BYTES)), Ok("2".into())]);
    assert_eq!(position(items[0].as_ref().unwrap_err()), locate(&text, "<subfield code=\"a\">ab&amp;"));
    // A value of exactly the limit is fine.
    let text = collection(&[rec("1", &"я".repeat(marcxml::MAX_VALUE_BYTES / 2))]);
    assert!(marcxml::read_str(&text)[0].is_ok());
}

#[test]
fn deep_nesting_is_cut_off() {
    let deep = format!("<x:ext xmlns:x=\"urn:x\">{}{}</x:ext>", "<x:a>".repeat(1000), "</x:a>".repeat(1000));
    let text = collection(&[
        rec("1", "One").replace("  <controlfield", &format!("  {deep}\n  <controlfield")),
        rec("2", "Two"),
    ]);
    let items = marcxml::read_str(&text);
    assert_eq!(ids(&items), [Err(ErrorKind::TooDeep(marcxml::MAX_DEPTH)), Ok("2".into())]);
    assert_eq!(items[0].as_ref().unwrap_err().line, 4);
    // Outside any record, a hundred thousand levels: one error, then the end.
    let text = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let started = Instant::now();
    let items = marcxml::read_str(&text);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(ids(&items), [Err(ErrorKind::TooDeep(marcxml::MAX_DEPTH))]);
    assert_eq!(position(items[0].as_ref().unwrap_err()), (1, 3 * marcxml::MAX_DEPTH + 1));
}

#[test]
fn characters_and_bytes_xml_does_not_allow() {
    let mut bytes =
        collection(&[rec("1", "esc \u{1B} here"), rec("2", "&#x1B;"), rec("3", "BAD"), rec("4", "Four")]).into_bytes();
    let bad = bytes.windows(3).position(|w| w == b"BAD").unwrap();
    bytes[bad..bad + 3].copy_from_slice(&[0xC0, 0xE9, 0xFF]);
    let items = marcxml::read_bytes(&bytes);
    assert_eq!(
        ids(&items),
        [
            Err(ErrorKind::ForbiddenChar('\u{1B}')),
            Err(ErrorKind::ForbiddenChar('\u{1B}')),
            Err(ErrorKind::NotUtf8),
            Ok("4".into())
        ]
    );
}

#[test]
fn encodings_other_than_utf8_are_refused_up_front() {
    let body = collection(&[rec("1", "Title")]);
    let declared = format!("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n{body}");
    let items = marcxml::read_str(&declared);
    assert_eq!(ids(&items), [Err(ErrorKind::UnsupportedEncoding("windows-1251".into()))]);
    let text = Localizer::new(Lang::Ru).message(&items[0].as_ref().unwrap_err().message());
    assert_eq!(text, "Строка 1, позиция 1: файл в кодировке windows-1251, а MARCXML читается только в UTF-8 — сначала перекодируйте файл");
    // Once the caller has converted the bytes, the declaration is no longer checked.
    let converted: Vec<_> = marcxml::Reader::transcoded(declared.as_bytes()).collect();
    assert_eq!(ids(&converted), [Ok("1".into())]);
    // UTF-16 is refused; a UTF-8 byte order mark is skipped and columns stay true.
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(body.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(ids(&marcxml::read_bytes(&utf16)), [Err(ErrorKind::UnsupportedEncoding("UTF-16".into()))]);
    let bom = [&[0xEF, 0xBB, 0xBF][..], b"<record><leader>short</leader></record>"].concat();
    let items = marcxml::read_bytes(&bom);
    assert_eq!(position(items[0].as_ref().unwrap_err()), (1, 9));
}

#[test]
fn positions_count_characters_on_long_lines() {
    // Exporters often write a whole collection on one line.
    let records: Vec<String> = ["鲁迅全集", "Преступление и наказание", "x"]
        .iter()
        .enumerate()
        .map(|(i, t)| rec(&i.to_string(), t).replace('\n', ""))
        .collect();
    let bad = records[2].replace("code=\"a\"", "code=\"ab\"");
    let text = format!("<collection xmlns=\"{NS}\">{}{}{}</collection>", records[0], records[1], bad);
    let items = marcxml::read_str(&text);
    let error = items[2].as_ref().unwrap_err();
    assert_eq!(position(error), locate(&text, "<subfield code=\"ab\""));
    assert_eq!(error.line, 1);
    assert_eq!(items[1].as_ref().unwrap().line, 1);
}

/// Generates a collection of `count` records on the fly, never holding it whole.
struct Generated {
    count: usize,
    next: usize,
    pending: Vec<u8>,
    at: usize,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            self.at = 0;
            self.pending = match self.next {
                0 => format!("<collection xmlns=\"{NS}\">\n").into_bytes(),
                n if n <= self.count => rec(&n.to_string(), &format!("Запись № {n}")).into_bytes(),
                n if n == self.count + 1 => b"</collection>\n".to_vec(),
                _ => return Ok(0),
            };
            self.next += 1;
        }
        let n = out.len().min(self.pending.len() - self.at);
        out[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn a_long_stream_is_read_record_by_record() {
    let count = 5000;
    let input = BufReader::with_capacity(1000, Generated { count, next: 0, pending: Vec::new(), at: 0 });
    let mut seen = 0;
    for (i, item) in marcxml::Reader::new(input).enumerate() {
        let read = item.unwrap();
        assert_eq!(read.number, i + 1);
        assert_eq!(read.line, 2 + 7 * i);
        assert_eq!(title(&read.record), format!("Запись № {}", i + 1));
        seen += 1;
    }
    assert_eq!(seen, count);
}

/// Hands out at most `step` bytes per read, then fails for good after `fail_after` bytes.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
    fail_after: Option<usize>,
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.fail_after == Some(0) {
            return Err(std::io::Error::other("the disk went away"));
        }
        let mut n = self.step.min(out.len()).min(self.bytes.len());
        if let Some(left) = &mut self.fail_after {
            n = n.min(*left);
            *left -= n;
        }
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn trickled(bytes: &[u8], step: usize) -> Vec<Result<ReadRecord, MarcXmlError>> {
    marcxml::Reader::new(BufReader::with_capacity(step, Trickle { bytes, step, fail_after: None })).collect()
}

#[test]
fn input_in_tiny_pieces_reads_the_same() {
    let root = corpus_root();
    let mut files = Vec::new();
    xml_files(&root, &mut files);
    for path in files.iter().filter(|p| std::fs::metadata(p).unwrap().len() < 200_000) {
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(trickled(&bytes, 3), marcxml::read_bytes(&bytes), "{}", path.display());
    }
    let text = collection(&[rec("1", "Один"), rec("2", "Two").replace("245", "24"), rec("3", "三")]);
    for step in [1, 2, 5, 64] {
        assert_eq!(trickled(text.as_bytes(), step), marcxml::read_str(&text), "pieces of {step}");
    }
}

#[test]
fn crlf_files_read_as_lf_files_do_and_errors_point_the_same() {
    let records = [
        rec("1", "One"),
        rec("2", "Two\nlines\nof title"),
        rec("3", "Three").replace("ind1=\"1\"", "ind1=\"12\""),
        rec("4", "Four"),
    ];
    let lf = collection(&records);
    let crlf = lf.replace('\n', "\r\n");
    let (from_lf, from_crlf) = (marcxml::read_str(&lf), marcxml::read_str(&crlf));
    assert_eq!(from_lf, from_crlf);
    assert_eq!(title(&from_crlf[1].as_ref().unwrap().record), "Two\nlines\nof title");
    assert_eq!(from_crlf.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.line).collect::<Vec<_>>(), [2, 9, 25]);
    let error = from_crlf[2].as_ref().unwrap_err();
    assert_eq!(position(error), locate(&crlf, "<datafield tag=\"245\" ind1=\"12\""));
    // A lone CR in a value is a line end too.
    let cr = collection(&[rec("1", "a\rb")]);
    assert_eq!(title(&marcxml::read_str(&cr)[0].as_ref().unwrap().record), "a\nb");
}

#[test]
fn positions_stay_exact_after_long_multiline_values_and_large_records() {
    // A value of 20,000 lines (far more than one buffer), a record over 1 MB made of two
    // large values, then plain records and an error whose place is known.
    let lines = (0..20_000).map(|i| format!("строка {i}")).collect::<Vec<_>>().join("\n");
    let half = "ё\n".repeat(300_000);
    let big =
        rec("2", &half).replace("</datafield>", &format!("  <subfield code=\"b\">{half}</subfield>\n  </datafield>"));
    let records = [
        rec("1", &lines),
        big,
        rec("3", "Three"),
        rec("4", "Four").replace("code=\"a\"", "code=\"ab\""),
        rec("5", "Five"),
    ];
    let text = collection(&records);
    let items = marcxml::read_str(&text);
    assert_eq!(ids(&items)[..3], [Ok("1".to_string()), Ok("2".to_string()), Ok("3".to_string())]);
    assert_eq!(title(&items[0].as_ref().unwrap().record), lines);
    assert_eq!(items[1].as_ref().unwrap().record.subfield("245", 'b'), Some(half.as_str()));
    let starts: Vec<usize> = items.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.line).collect();
    let expected: Vec<usize> = [
        "<controlfield tag=\"001\">1<",
        "<controlfield tag=\"001\">2<",
        "<controlfield tag=\"001\">3<",
        "<controlfield tag=\"001\">5<",
    ]
    .iter()
    .map(|needle| locate(&text, needle).0 - 2)
    .collect();
    assert_eq!(starts, expected);
    let error = items[3].as_ref().unwrap_err();
    assert_eq!(error.kind, ErrorKind::BadSubfieldCode { tag: "245".into(), found: "ab".into() });
    assert_eq!(position(error), locate(&text, "<subfield code=\"ab\""));
    // The same, read from a stream in small pieces.
    assert_eq!(trickled(text.as_bytes(), 4093), items);
}

#[test]
fn a_read_error_is_reported_once_after_the_records_before_it() {
    let text = collection(&[rec("1", "One"), rec("2", "Two"), rec("3", "Three")]);
    let cut = text.find("Three").unwrap();
    let input = Trickle { bytes: text.as_bytes(), step: 64, fail_after: Some(cut) };
    let items: Vec<_> = marcxml::Reader::new(BufReader::with_capacity(64, input)).collect();
    assert_eq!(ids(&items), [Ok("1".into()), Ok("2".into()), Err(ErrorKind::Io("the disk went away".into()))]);
    assert_eq!(items[2].as_ref().unwrap_err().record, 3);
}

// ---------------------------------------------------------------------------------------
// Messages.

#[test]
fn every_error_has_its_message_in_every_language() {
    let at = |kind: ErrorKind| MarcXmlError { record: 3, line: 17, column: 5, kind };
    let errors = [
        ErrorKind::Malformed("x".into()),
        ErrorKind::MissingLeader,
        ErrorKind::InvalidLeader { found: "x".into(), length: 1 },
        ErrorKind::BadTag { element: "datafield".into(), found: "x".into() },
        ErrorKind::BadIndicator { tag: "245".into(), which: 1, found: "x".into() },
        ErrorKind::BadSubfieldCode { tag: "245".into(), found: "x".into() },
        ErrorKind::UnexpectedElement { name: "x".into(), parent: Some("record".into()) },
        ErrorKind::UnexpectedElement { name: "x".into(), parent: None },
        ErrorKind::UnexpectedText { text: "x".into(), parent: "record".into() },
        ErrorKind::UnexpectedEof("record".into()),
        ErrorKind::BadReference("x".into()),
        ErrorKind::ForbiddenChar('\u{1}'),
        ErrorKind::NotUtf8,
        ErrorKind::UnsupportedEncoding("x".into()),
        ErrorKind::ValueTooLong(marcxml::MAX_VALUE_BYTES),
        ErrorKind::RecordTooLarge(marcxml::MAX_RECORD_BYTES),
        ErrorKind::TooDeep(marcxml::MAX_DEPTH),
        ErrorKind::NotMarcXml { root: "x".into(), namespace: String::new() },
        ErrorKind::NotMarcXml { root: "x".into(), namespace: "urn:x".into() },
        ErrorKind::NotMarcXml { root: String::new(), namespace: String::new() },
        ErrorKind::Io("x".into()),
    ];
    let mut messages: Vec<Message> = errors.into_iter().map(|k| at(k).message()).collect();
    messages.push(Note::IgnoredElement { name: "x".into(), line: 1, column: 1, text: String::new() }.message());
    messages.push(Note::IgnoredElement { name: "x".into(), line: 1, column: 1, text: "y".into() }.message());
    messages.push(WriteError::ForbiddenChar { place: "LDR".into(), character: '\0' }.message().arg("record", 1));
    messages.push(WriteError::Io(std::io::Error::other("disk full")).message());
    let mut codes: Vec<&str> = messages.iter().map(|m| m.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), messages.len(), "one id per kind of problem");
    for lang in [Lang::En, Lang::Ru, Lang::ZhCn] {
        let defined = message_ids(lang);
        let localizer = Localizer::new(lang);
        for message in &messages {
            assert!(defined.contains(&message.code), "{lang}: {} is not defined", message.code);
            let text = localizer.message(message);
            assert!(!text.contains('{') && !text.contains("marcxml-"), "{lang}: {text}");
        }
    }
}

#[test]
fn russian_counts_agree_with_their_numbers() {
    let ru = Localizer::new(Lang::Ru);
    let leader = |length: usize| {
        let error = MarcXmlError {
            record: 1,
            line: 2,
            column: 3,
            kind: ErrorKind::InvalidLeader { found: "x".into(), length },
        };
        ru.message(&error.message())
    };
    assert!(leader(21).ends_with("21 символ, а должно быть 24"), "{}", leader(21));
    assert!(leader(23).ends_with("23 символа, а должно быть 24"), "{}", leader(23));
    assert!(leader(17).ends_with("17 символов, а должно быть 24"), "{}", leader(17));
    let deep = MarcXmlError { record: 1, line: 2, column: 3, kind: ErrorKind::TooDeep(64) };
    assert!(ru.message(&deep.message()).ends_with("превышает 64 уровня"), "{}", ru.message(&deep.message()));
    let long = MarcXmlError { record: 1, line: 2, column: 3, kind: ErrorKind::ValueTooLong(marcxml::MAX_VALUE_BYTES) };
    assert!(ru.message(&long.message()).ends_with("048\u{a0}576 байт"), "{}", ru.message(&long.message()));
    let en = Localizer::new(Lang::En).message(&long.message());
    assert_eq!(en, "Record 1 (line 2, column 3): a value is longer than the 1,048,576 bytes allowed");
}
