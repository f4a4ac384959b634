/**
 * A dateline's lone capitals word ("CNN —", "ROME —") is an agency or a place. Both lists are facts:
 * news agencies and broadcasters that open stories with their short name, and places of two to four
 * letters (capitals and large or well-known cities) that datelines spell in capitals.
 *
 * Agencies are a short, closed set; places are not. So a four-letter word is an agency only when it
 * is a known agency ("ANSA", "TASS"), and a two- or three-letter word is a place only when it is a
 * known place ("GOA"): most short acronyms are agencies, most four-letter words in a dateline towns.
 */

/** News agencies and broadcasters named by their initials or a short name (upper case). */
const AGENCIES = new Set(
  (
    'AP AFP UPI CNN BBC NBC ABC CBS NPR PBS FOX ESPN CNBC MSNBC ITV SKY RTE CBC CTV SABC DW RFI VOA RFE ' +
    'DPA ANSA AGI EFE LUSA PTI IANS ANI UNI KUNA WAM SPA MENA IRNA ISNA IRIB TASS RIA BNA QNA ONA SANA ' +
    'SUNA APS MAP TAP NAN KNA PNA VNA APP BSS AAP CP PA AA IHA DHA CTK PAP MTI TT NTB STT BTA HINA ATS SDA ' +
    'APA ANP CNA NHK KBS YTN CCTV KCNA WAFA JTA IPS AKI TNS MCT UNB ENA NAN AIR TRT NOS ORF RAI ARD ZDF'
  ).split(' '),
);

/** Places of two to four letters a dateline spells in capitals (upper case). */
const PLACES = new Set(
  // capitals
  (
    'ROME OSLO BAKU LIMA KIEV KYIV DOHA BERN APIA SUVA MALE DILI RIGA LOME ' +
    // other cities and regions, abroad
    'GAZA BONN KOBE NICE LYON GOA PUNE AGRA BARI PISA GRAZ LINZ METZ CAEN LODZ ADEN GOMA JUBA KANO ' +
    'JOS UFA OSH HUE ULM AYR RYE ELY ZUG AIX PAU KEW LOD BO OMSK PERM SUMY HAMA HOMS BIEL VIGO FARO ' +
    'NAHA KOTA GAYA CORK BATH YORK HULL KENT LEON ' +
    // and in the United States
    'RENO WACO YUMA AMES ENID ERIE TROY ELKO MOAB HILO KONA OREM MESA KATY'
  ).split(' '),
);

/** Whether a dateline's lone capitals word ("CNN", "ROME") names an agency rather than a place. */
export function isAgencyWord(word: string): boolean {
  if (AGENCIES.has(word)) return true;
  return word.length <= 3 && !PLACES.has(word);
}
