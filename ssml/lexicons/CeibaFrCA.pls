<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of Banque Ceiba and its products for Canadian French voices (IPA, fr-CA phoneme table). -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="fr-CA">
  <lexeme>
    <grapheme>Ceiba</grapheme>
    <phoneme>se.i.ˈba</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Quetzal</grapheme>
    <phoneme>kɛt.ˈzal</phoneme>
  </lexeme>
</lexicon>
