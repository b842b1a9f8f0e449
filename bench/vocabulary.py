"""Word banks for the synthetic archive: themes, venues, speakers, sentences and sayings.

Fictional but realistic: the speeches read like diplomatic addresses of any country
and decade, so the build meets the Markdown, sayings and terms real speeches carry.
"""

from __future__ import annotations

# (slug, title, description): the synthetic archive's themes.yml, ~40 like a real archive.
THEMES: list[tuple[str, str, str]] = [
    ("common-security", "Common security", "Security for every country alike."),
    ("regional-cooperation", "Regional cooperation", "Regional forums, mechanisms and their architecture."),
    ("counter-terrorism", "Counter-terrorism", "Fighting terrorism and cooperation in law enforcement."),
    ("development", "Development", "Growth, connectivity and prosperity as the foundation of peace."),
    ("trade", "Trade", "Open markets, tariffs, agreements and the rules of commerce."),
    ("investment", "Investment", "Capital flows, infrastructure finance and investment treaties."),
    ("connectivity", "Connectivity", "Roads, railways, ports and the links between regions."),
    ("energy", "Energy", "Oil, gas, power grids and the transition to clean energy."),
    ("climate-change", "Climate change", "Emissions, adaptation and the shared duty to the planet."),
    ("environment", "Environment", "Rivers, forests, air and the protection of nature."),
    ("public-health", "Public health", "Epidemics, vaccines and health systems."),
    ("education", "Education", "Schools, universities and the exchange of students."),
    ("science-and-technology", "Science and technology", "Research, innovation and the digital economy."),
    ("culture", "Culture", "Heritage, the arts and the dialogue of civilizations."),
    ("people-to-people-exchange", "People-to-people exchange", "Tourism, youth and friendship between peoples."),
    ("poverty-reduction", "Poverty reduction", "Lifting people out of poverty and sharing prosperity."),
    ("food-security", "Food security", "Harvests, agriculture and freedom from hunger."),
    ("water", "Water", "Shared rivers, irrigation and access to clean water."),
    ("maritime-affairs", "Maritime affairs", "The seas, navigation and the law of the sea."),
    ("disarmament", "Disarmament", "Arms control and non-proliferation."),
    ("peacekeeping", "Peacekeeping", "Missions, mediation and the settlement of conflicts."),
    ("human-rights", "Human rights", "Rights, dignity and the rule of law."),
    ("governance", "Governance", "Institutions, reform and the conduct of government."),
    ("global-governance", "Global governance", "The United Nations and the reform of the international order."),
    ("multilateralism", "Multilateralism", "Cooperation through international institutions."),
    ("sovereignty", "Sovereignty", "Independence, territorial integrity and non-interference."),
    ("history", "History", "Anniversaries, memory and the lessons of the past."),
    ("youth", "Youth", "The young generation and its future."),
    ("women", "Women", "Equality and the role of women in society."),
    ("urbanization", "Urbanization", "Cities, housing and the movement of people."),
    ("agriculture", "Agriculture", "Farming, rural life and the countryside."),
    ("finance", "Finance", "Banks, currencies and financial stability."),
    ("digital-economy", "Digital economy", "Data, networks and online commerce."),
    ("cyber-security", "Cyber security", "Security of networks and information."),
    ("migration", "Migration", "Refugees, labour mobility and the movement of people."),
    ("disaster-relief", "Disaster relief", "Earthquakes, floods and help in emergencies."),
    ("space", "Space", "Satellites, exploration and the peaceful use of outer space."),
    ("sport", "Sport", "Games, athletes and the Olympic spirit."),
    ("media", "Media", "The press, broadcasting and public opinion."),
    ("friendship", "Friendship", "Bilateral friendship and partnership between nations."),
]

# country -> cities; 50 countries x 4 cities = 200 venues "City, Country".
COUNTRIES: dict[str, list[str]] = {
    "China": ["Beijing", "Shanghai", "Hangzhou", "Xiamen"],
    "Kazakhstan": ["Astana", "Almaty", "Shymkent", "Aktau"],
    "India": ["New Delhi", "Mumbai", "Bengaluru", "Chennai"],
    "Indonesia": ["Jakarta", "Bali", "Surabaya", "Bandung"],
    "Brazil": ["Brasilia", "Rio de Janeiro", "Sao Paulo", "Fortaleza"],
    "Russia": ["Moscow", "Saint Petersburg", "Kazan", "Vladivostok"],
    "South Africa": ["Pretoria", "Johannesburg", "Cape Town", "Durban"],
    "Egypt": ["Cairo", "Alexandria", "Sharm el-Sheikh", "Luxor"],
    "Kenya": ["Nairobi", "Mombasa", "Kisumu", "Nakuru"],
    "Nigeria": ["Abuja", "Lagos", "Kano", "Ibadan"],
    "Ethiopia": ["Addis Ababa", "Bahir Dar", "Gondar", "Hawassa"],
    "Mexico": ["Mexico City", "Guadalajara", "Monterrey", "Cancun"],
    "Argentina": ["Buenos Aires", "Cordoba", "Rosario", "Mendoza"],
    "Chile": ["Santiago", "Valparaiso", "Concepcion", "Antofagasta"],
    "Peru": ["Lima", "Cusco", "Arequipa", "Trujillo"],
    "France": ["Paris", "Lyon", "Marseille", "Strasbourg"],
    "Germany": ["Berlin", "Hamburg", "Munich", "Bonn"],
    "Italy": ["Rome", "Milan", "Florence", "Naples"],
    "Spain": ["Madrid", "Barcelona", "Seville", "Valencia"],
    "United Kingdom": ["London", "Edinburgh", "Manchester", "Cardiff"],
    "Switzerland": ["Geneva", "Bern", "Zurich", "Davos"],
    "Belgium": ["Brussels", "Antwerp", "Ghent", "Bruges"],
    "Netherlands": ["Amsterdam", "The Hague", "Rotterdam", "Utrecht"],
    "Poland": ["Warsaw", "Krakow", "Gdansk", "Wroclaw"],
    "Greece": ["Athens", "Thessaloniki", "Patras", "Heraklion"],
    "Turkey": ["Ankara", "Istanbul", "Izmir", "Antalya"],
    "Iran": ["Tehran", "Isfahan", "Shiraz", "Tabriz"],
    "Saudi Arabia": ["Riyadh", "Jeddah", "Dammam", "Medina"],
    "United Arab Emirates": ["Abu Dhabi", "Dubai", "Sharjah", "Al Ain"],
    "Pakistan": ["Islamabad", "Karachi", "Lahore", "Peshawar"],
    "Bangladesh": ["Dhaka", "Chittagong", "Khulna", "Sylhet"],
    "Sri Lanka": ["Colombo", "Kandy", "Galle", "Jaffna"],
    "Nepal": ["Kathmandu", "Pokhara", "Lalitpur", "Biratnagar"],
    "Mongolia": ["Ulaanbaatar", "Erdenet", "Darkhan", "Khovd"],
    "Uzbekistan": ["Tashkent", "Samarkand", "Bukhara", "Khiva"],
    "Kyrgyzstan": ["Bishkek", "Osh", "Karakol", "Cholpon-Ata"],
    "Tajikistan": ["Dushanbe", "Khujand", "Kulob", "Khorog"],
    "Vietnam": ["Hanoi", "Ho Chi Minh City", "Da Nang", "Hue"],
    "Thailand": ["Bangkok", "Chiang Mai", "Phuket", "Pattaya"],
    "Malaysia": ["Kuala Lumpur", "Penang", "Kuching", "Malacca"],
    "Singapore": ["Singapore", "Jurong", "Sentosa", "Changi"],
    "Philippines": ["Manila", "Cebu", "Davao", "Iloilo"],
    "Japan": ["Tokyo", "Osaka", "Kyoto", "Hiroshima"],
    "South Korea": ["Seoul", "Busan", "Incheon", "Gyeongju"],
    "Australia": ["Canberra", "Sydney", "Melbourne", "Perth"],
    "New Zealand": ["Wellington", "Auckland", "Christchurch", "Dunedin"],
    "Canada": ["Ottawa", "Toronto", "Montreal", "Vancouver"],
    "United States": ["Washington", "New York", "San Francisco", "Seattle"],
    "Cuba": ["Havana", "Santiago de Cuba", "Varadero", "Camaguey"],
    "Morocco": ["Rabat", "Casablanca", "Marrakesh", "Fez"],
}

SPEAKERS = [
    "Amina Okafor", "Chen Wei", "Dmitri Volkov", "Elena Rossi", "Farid Haddad", "Grace Mwangi",
    "Hiroshi Tanaka", "Isabel Fernandez", "Jonas Lindqvist", "Kamala Rao", "Liu Yang", "Maria Santos",
]

OCCASIONS = [
    "the opening ceremony of the {n}th Summit of the {forum}",
    "a state banquet in honour of visiting leaders",
    "the {forum} Business Forum",
    "a lecture at the National University",
    "the general debate of the {n}th Session of the United Nations General Assembly",
    "the signing of the {adj} Partnership Agreement",
    "the {n}th anniversary of diplomatic relations",
    "a joint press conference after bilateral talks",
]

FORUMS = ["Regional Dialogue", "Economic Council", "Friendship Association", "Cooperation Forum",
          "Leaders' Meeting", "Ministerial Conference", "Security Conference", "Development Summit"]

ORIGINS = ["Chinese", "Kazakh", "African", "Arab", "Russian", "Indian", "Persian", "Turkish",
           "Mongolian", "Latin", "Greek", "Japanese", "Korean", "Malay", "Swahili", "Uzbek"]

# Sayings no catalogue holds: detection must find them by their cue.
UNCATALOGUED_SAYINGS = [
    "A single tree does not make a forest.",
    "The river that forgets its source will soon run dry.",
    "When the wind of change blows, some build walls and others build windmills.",
    "A friend in need is a friend indeed.",
    "Distant water cannot put out a nearby fire.",
    "If you want to go fast, go alone; if you want to go far, go together.",
    "The journey of a thousand miles begins with a single step.",
    "A good neighbour is better than a distant relative.",
    "Many hands make light work.",
    "The mountain does not refuse a grain of soil, and so it grows high.",
    "Words spoken in anger are arrows that cannot be called back.",
    "He who plants trees knows that others will sit in their shade.",
    "Unity is strength, division is weakness.",
    "A wise man learns more from his enemies than a fool from his friends.",
    "The ocean is vast because it admits all rivers.",
    "Rome was not built in a day.",
    "Water can carry a boat, and water can overturn it.",
    "One who digs a pit for others will fall into it himself.",
    "Trust is built in drops and lost in buckets.",
    "Even the longest night gives way to the dawn.",
    "A bird does not sing because it has an answer; it sings because it has a song.",
    "Good medicine tastes bitter, and honest advice is hard to hear.",
    "The best time to plant a tree was twenty years ago; the second best time is now.",
    "When brothers work together, mountains turn into gold.",
]

SAYING_CUES = [
    'As {a} {origin} saying goes, "{text}"',
    'Just as {a} {origin} proverb aptly puts it, "{text}"',
    '"{stem}," as the saying goes.',
    'As the proverb goes, "{text}"',
    'There is an old adage: "{text}"',
    'As an ancient {origin} poem says, \u201c{text}\u201d',
    'As {a} {origin} proverb says, \u201c{text}\u201d',
    'We often say, as the old saying goes, "{text}"',
]

SALUTATIONS = [
    "Distinguished guests,", "Dear colleagues,", "Ladies and gentlemen,", "Dear friends,",
    "Your Excellencies,", "Mr. President,", "Dear students and teachers,", "Honourable ministers,",
]

ADJECTIVES = [
    "lasting", "shared", "comprehensive", "practical", "balanced", "sustainable", "open", "inclusive",
    "innovative", "steady", "mutually beneficial", "pragmatic", "far-reaching", "solid", "fair",
    "transparent", "resilient", "ambitious", "concrete", "genuine",
]
GOALS = [
    "peace and stability", "common prosperity", "mutual trust", "economic recovery", "social progress",
    "the well-being of our peoples", "a brighter future", "lasting friendship", "green development",
    "regional integration", "a fair international order", "food and energy security",
    "the dialogue of civilizations", "the rule of law", "scientific progress", "a cleaner environment",
]
ACTIONS = [
    "strengthen", "deepen", "expand", "promote", "uphold", "advance", "safeguard", "consolidate",
    "broaden", "support", "encourage", "build", "renew", "improve", "coordinate",
]
AREAS = [
    "trade and investment", "infrastructure", "education and culture", "science and innovation",
    "public health", "agriculture", "tourism", "energy", "finance", "law enforcement", "customs",
    "the digital economy", "environmental protection", "disaster prevention", "youth exchanges",
    "maritime cooperation", "space technology", "water management", "vocational training",
]
NUMBERS = ["two", "three", "five", "ten", "twenty", "forty", "hundreds of", "thousands of", "millions of"]

# Sentence templates: {country} {other} {theme} {adj} {goal} {action} {area} {number} {year} {years}.
SENTENCES = [
    "{country} and {other} have always supported each other on issues bearing on {goal}.",
    "We should {action} cooperation in {area} and {action2} the foundation of {goal}.",
    "Over the past {years} years, our cooperation in {area} has grown from strength to strength.",
    "The world today is undergoing profound changes, and no country can meet its challenges alone.",
    "We need to pursue {adj} and {adj2} cooperation, so that its fruits reach {number} people.",
    "In {year}, our two countries signed an agreement on {area}, which has since borne rich fruit.",
    "History tells us that {goal} cannot be taken for granted; it must be built and defended.",
    "We are ready to work with all parties to {action} {area} and to promote {goal}.",
    "Our people have a long tradition of friendship, going back {number} generations.",
    "The theme of {theme} is close to the hearts of the people of {country}.",
    "We must {action} dialogue, reduce misunderstanding and handle differences through consultation.",
    "Development is the master key to solving many problems, and {theme} is part of it.",
    "{country} will open its doors wider, and we welcome partners from {other} to share in its growth.",
    "Let us {action} our {adj} partnership and write a new chapter of {goal}.",
    "Young people are the future of our nations, and their exchanges are the bridge between us.",
    "We should respect each other's choice of development path and core interests.",
    "Trade between our countries reached a record level last year, with {number} new projects under way.",
    "No single model of development fits every country, and every people has its own way.",
    "Cooperation in {area} has brought tangible benefits to {number} families in {country} and {other}.",
    "We should keep the larger picture in mind and look at our relations with a long-term vision.",
    "The road ahead will not always be smooth, but our direction is clear and our resolve firm.",
    "Together we can turn the vision of {goal} into reality, step by step.",
    "We welcome the progress made in {area} and look forward to {adj} results in the coming years.",
    "As neighbours, we cannot move away from each other, and we should live together in harmony.",
    "A {adj} approach to {theme} serves the interests of {country}, {other} and the whole region.",
    "We should combine our strengths, learn from each other and make up for each other's weaknesses.",
    "The international community should {action} the central role of the United Nations.",
    "We will continue to {action} {area}, which is an important engine of {goal}.",
    "Since {year}, more than {number} students from {other} have studied in {country}.",
    "Let me share with you a few thoughts on {theme} and on how we can {action} {area}.",
    "What we need is not confrontation but cooperation, not walls but bridges.",
    "Our friendship has stood the test of time and of changes in the international landscape.",
    "We should seize the opportunities of the new era and {action} {area} with {adj} measures.",
    "This is a moment of hope and of responsibility for all of us gathered here.",
    "The people of {country} will never forget the help {other} gave in difficult times.",
]
LIST_INTROS = [
    "Let me make {count} proposals.",
    "To this end, we should do the following.",
    "I wish to propose the following measures.",
]
LIST_ITEMS = [
    "We should {action} political mutual trust and keep up exchanges at all levels.",
    "We should {action} cooperation in {area} and explore new areas of growth.",
    "We should {action} people-to-people exchanges and promote {goal}.",
    "We should {action} coordination in international affairs and uphold {goal}.",
    "We should {action} {area} through {adj} mechanisms and joint projects.",
]
CLOSINGS = ["Thank you.", "Thank you all.", "Thank you for your attention.", "Thank you very much."]
