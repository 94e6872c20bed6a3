/**
 * Questions a bank's FAQ must not answer (weather, sports, shopping, other services' passwords,
 * trivia), [locale, question], written by the issue-16 helper session to measure what the answer
 * gate lets through; a few share words with the FAQ on purpose ("when does the store open on
 * Sunday", "how do I reset my router password"). Development data: the gate was tuned with it in view.
 */
export const KB_OFF_TOPIC: [string, string][] = [
 ['en_US','what is the weather in paris'],['en_US','can you book me a flight to london'],['en_US','who won the game last night'],
 ['en_US','tell me a joke'],['en_US','what time is it in tokyo'],['en_US','how do I cook rice'],['en_US','what is the capital of france'],
 ['en_US','recommend a good movie'],['en_US','how tall is the eiffel tower'],['en_US','can you order me a pizza'],['en_US','what is the meaning of life'],
 ['en_US','who is the president'],['en_US','how do I fix my car engine'],['en_US','where can I buy cheap shoes'],['en_US','what day is the super bowl'],
 ['en_US','play some music'],['en_US','how many calories are in an apple'],['en_US','is it going to rain tomorrow'],['en_US','what is your favorite color'],
 ['en_US','how do I get to the airport'],['en_US','when does the store open on sunday'],['en_US','can you send flowers to my mom'],
 ['es_US','qué tiempo hace en Madrid'],['es_US','cuéntame un chiste'],['es_US','qué hora es en Tokio'],['es_US','cómo cocino arroz'],
 ['es_US','cuál es la capital de Francia'],['es_US','recomiéndame una película'],['es_US','me puedes pedir una pizza'],['es_US','quién es el presidente'],
 ['es_US','cómo arreglo el motor de mi carro'],['es_US','dónde compro zapatos baratos'],['es_US','va a llover mañana'],['es_US','pon música'],
 ['es_US','cuántas calorías tiene una manzana'],['es_US','cómo llego al aeropuerto'],['es_US','a qué hora abre el supermercado el domingo'],['es_US','quién ganó el partido'],
 ['fr_CA','quel temps fait-il à Montréal'],['fr_CA','raconte-moi une blague'],['fr_CA','quelle heure est-il à Tokyo'],['fr_CA','comment cuire du riz'],
 ['fr_CA','quelle est la capitale de la France'],['fr_CA','recommande-moi un bon film'],['fr_CA','peux-tu me commander une pizza'],['fr_CA','qui est le premier ministre'],
 ['fr_CA','comment réparer le moteur de mon char'],['fr_CA','où acheter des souliers pas chers'],['fr_CA','va-t-il pleuvoir demain'],['fr_CA','mets de la musique'],
 ['fr_CA','combien de calories dans une pomme'],['fr_CA','comment aller à l\'aéroport'],['fr_CA','à quelle heure ouvre l\'épicerie dimanche'],['fr_CA','qui a gagné la partie hier soir'],
 ['en_US','I lost my keys'],['en_US','my phone is not working'],['en_US','how do I open a jar'],['en_US','how do I reset my router password'],['en_US','where can I find a good lawyer'],['en_US','when does the movie theater close'],['en_US','how much does a new car cost'],['en_US','what is the limit of x squared'],['en_US','I lost my dog'],['en_US','do you sell lottery tickets'],
 ['es_US','perdí mis llaves'],['es_US','mi teléfono no funciona'],['es_US','cómo cambio la contraseña del wifi'],['es_US','dónde encuentro un buen abogado'],['es_US','a qué hora cierra el cine'],['es_US','cuánto cuesta un carro nuevo'],['es_US','se perdió mi perro'],['es_US','venden boletos de lotería'],
 ['fr_CA','j\'ai perdu mes clés'],['fr_CA','mon téléphone ne marche pas'],['fr_CA','comment changer le mot de passe du wifi'],['fr_CA','où trouver un bon avocat'],['fr_CA','à quelle heure ferme le cinéma'],['fr_CA','combien coûte une auto neuve'],['fr_CA','j\'ai perdu mon chien'],['fr_CA','vendez-vous des billets de loterie'],
];
