<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of Ceiba Bank and its products for US English voices (IPA, en-US phoneme table).
     Lex and Connect do not apply lexicons: the prompts also carry <phoneme> tags. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme>
    <grapheme>Ceiba</grapheme>
    <phoneme>ˈseɪbə</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Quetzal</grapheme>
    <phoneme>kɛtˈsɑl</phoneme>
  </lexeme>
</lexicon>
