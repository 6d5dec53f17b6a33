/**
 * English function words, lowercase (French chat is full of anglicisms): pronouns, determiners, prepositions,
 * conjunctions, auxiliaries, frequent adverbs, and contractions written with or without their apostrophe.
 * Written for this project. Words that are also French words with a topic ("game", "chat") are not here.
 */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  // pronouns
  'i', 'me', 'my', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself', 'he', 'him',
  'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their', 'theirs',
  'themselves', 'what', 'which', 'who', 'whom', 'whose', 'this', 'that', 'these', 'those', 'someone', 'something',
  'anyone', 'anything', 'everyone', 'everything', 'nothing', 'one',
  // determiners and quantifiers
  'a', 'an', 'the', 'all', 'any', 'both', 'each', 'few', 'more', 'most', 'other', 'some', 'such', 'no', 'nor', 'not',
  'only', 'own', 'same', 'than', 'too', 'very', 'much', 'many', 'every', 'another',
  // prepositions
  'of', 'at', 'by', 'for', 'with', 'about', 'against', 'between', 'into', 'through', 'during', 'before', 'after',
  'above', 'below', 'to', 'from', 'up', 'down', 'in', 'out', 'on', 'off', 'over', 'under', 'within', 'without',
  'onto', 'upon', 'like',
  // conjunctions
  'and', 'but', 'if', 'or', 'because', 'as', 'until', 'while', 'so', 'then', 'though', 'although', 'unless', 'whether',
  // auxiliaries and modals
  'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'having', 'do', 'does', 'did', 'doing',
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'get', 'got', 'gets',
  // adverbs
  'again', 'further', 'once', 'here', 'there', 'when', 'where', 'why', 'how', 'just', 'now', 'also', 'even', 'still',
  'already', 'really', 'always', 'never', 'ever', 'yet', 'maybe', 'quite',
  // contractions, with and without apostrophe
  "i'm", 'im', "i've", 'ive', "i'll", "i'd", "you're", 'youre', "you've", "you'll", "you'd", "he's", "she's", "it's",
  "we're", "we've", "they're", "they've", "that's", 'thats', "there's", "what's", 'whats', "let's", 'lets', "don't",
  'dont', "doesn't", 'doesnt', "didn't", 'didnt', "can't", 'cant', "won't", 'wont', "isn't", 'isnt', "aren't",
  "wasn't", "weren't", "haven't", "hasn't", "hadn't", "wouldn't", "shouldn't", "couldn't", "ain't", 'aint', 'gonna',
  'wanna', 'gotta', 'u', 'ur', "y'all", 'yall',
];
