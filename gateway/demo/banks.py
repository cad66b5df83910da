"""Word banks for the demo council generator.

Everything here is invented for the demo: towns, wards, streets, companies and people. Names are
ordinary British first names and surnames combined at random; any resemblance to a real person,
council or company is coincidence. Keep the banks free of words that are also matter keywords in
unrelated senses (see ``council.py``), and keep street stems, company stems and surnames apart so
that a surname never reads as a place or a company.
"""

TOWNS = [
    "Alderwick", "Brindlecombe", "Castermere", "Dunmarsh", "Fenwold", "Hollowmere", "Kelderby",
    "Larkhaven", "Marrowby", "Netherholt", "Pendlemere", "Stourmead", "Thistleford", "Wychcombe",
    "Brackenholt", "Easterholme", "Amberwick", "Greysand", "Linsdale", "Redmarsh", "Saltmere",
    "Wrenfield", "Harrowdene", "Morlingham",
]
COUNCIL_KINDS = ["District Council", "Borough Council"]
COUNTIES = ["Westmarch", "Lowfold", "Sheringdale", "Eastmoor", "Vale of Corran", "Hadleyshire"]
# Postcode areas that are not real UK postcode areas.
POSTCODE_AREAS = ["QB", "QD", "QW", "XA", "XB", "XR", "ZB", "ZC", "VX", "QX"]

FIRST_NAMES = [
    "Abigail", "Adam", "Aisha", "Alice", "Amara", "Andrew", "Angela", "Anil", "Anna", "Arjun",
    "Barbara", "Beatrice", "Ben", "Bethan", "Bilal", "Brian", "Bronwen", "Callum", "Carl",
    "Caroline", "Catherine", "Chloe", "Chris", "Colin", "Dalia", "Darren", "David", "Deborah",
    "Declan", "Denise", "Dev", "Diane", "Dominic", "Eileen", "Elena", "Eleanor", "Elif", "Emma",
    "Erin", "Ewan", "Farah", "Felix", "Frances", "Gail", "Gavin", "Geoffrey", "Georgia",
    "Gillian", "Gordon", "Graham", "Hamza", "Harriet", "Hazel", "Heather", "Hugh", "Ian",
    "Imogen", "Isaac", "Ivan", "Jack", "Jacqueline", "James", "Jasmine", "Jennifer", "Jonathan",
    "Joseph", "Julia", "Karen", "Kavita", "Keith", "Kirsty", "Laura", "Leon", "Lesley", "Lucy",
    "Lydia", "Malcolm", "Mandeep", "Marcus", "Maria", "Martha", "Matthew", "Maureen", "Megan",
    "Michael", "Mohammed", "Monica", "Naomi", "Neil", "Nicola", "Nigel", "Nina", "Olivia", "Omar",
    "Patricia", "Paul", "Philip", "Rachel", "Rajesh", "Richard", "Robert", "Rosa", "Rowan",
    "Samina", "Sarah", "Simon", "Siobhan", "Stella", "Stephen", "Stuart", "Susan", "Tanya",
    "Teresa", "Tim", "Tobias", "Vanessa", "Victoria", "Wendy", "Will", "Yasmin", "Yusuf", "Zara",
    "Zoe", "Hannah", "Owen", "Priti", "Gareth", "Lorna", "Ravi", "Fiona", "Dennis", "Agnieszka",
    "Tomasz", "Chidi", "Nkechi", "Kwame", "Ayesha", "Sunil", "Shona", "Morag", "Ciaran", "Aoife",
]

SURNAMES = [
    "Abbott", "Acheampong", "Adeyemi", "Ainsworth", "Akhtar", "Alcock", "Allerton", "Ashdown",
    "Atwal", "Bagshaw", "Bains", "Bancroft", "Barraclough", "Beaumont", "Bellamy", "Benfield",
    "Bhatt", "Birtwistle", "Blackwood", "Blundell", "Bostock", "Bramley", "Brightman",
    "Broadbent", "Buckley", "Burrows", "Cartwright", "Chadwick", "Chaudhry", "Chowdhury",
    "Coates", "Colquhoun", "Connolly", "Cordingley", "Crabtree", "Cullen", "Dacosta", "Dalton",
    "Danso", "Darby", "Delaney", "Dewhurst", "Dhillon", "Dickinson", "Dobson", "Draper",
    "Duckworth", "Eastwood", "Eccles", "Edgerton", "Ekwueme", "Emsley", "Entwistle", "Farrow",
    "Fenton", "Fielding", "Fitzgerald", "Fletcher", "Forsyth", "Foulds", "Frampton", "Gallagher",
    "Garside", "Gascoigne", "Gibbins", "Gilchrist", "Goddard", "Goodall", "Gorman", "Greaves",
    "Grewal", "Habib", "Hackett", "Haigh", "Halstead", "Harrop", "Haworth", "Hebden", "Hesketh",
    "Hinchliffe", "Holroyd", "Horsfall", "Hussain", "Ingham", "Iredale", "Jagger", "Jarvis",
    "Jowett", "Kaur", "Keane", "Kenworthy", "Khan", "Kilburn", "Kitching", "Lambert", "Latham",
    "Leadbetter", "Lindley", "Lockwood", "Lumb", "Lyons", "Mahmood", "Malik", "Manning",
    "Marsden", "Mellor", "Metcalfe", "Midgley", "Moorhouse", "Mulligan", "Naylor", "Nevin",
    "Newsome", "Nuttall", "Oduya", "Oldroyd", "Ormerod", "Osei", "Padgett", "Parekh", "Parkin",
    "Pickles", "Pilling", "Pogson", "Priestley", "Pullan", "Quarmby", "Rafiq", "Ramsden",
    "Rashid", "Redfearn", "Rhodes", "Rigby", "Robertshaw", "Rowbottom", "Royle", "Sagar",
    "Saville", "Scholes", "Shackleton", "Sharples", "Siddiqui", "Sowden", "Stansfield", "Stott",
    "Sugden", "Sutcliffe", "Swales", "Tattersall", "Thackray", "Threlfall", "Tillotson",
    "Townend", "Turton", "Ulley", "Varley", "Verma", "Waddington", "Wainwright", "Walsh",
    "Wadsworth", "Whiteley", "Wilkinson", "Womersley", "Wragg", "Yeadon", "Yildiz", "Youngman",
    "Armitage", "Bottomley", "Cawthorne", "Dyson", "Exley", "Firth", "Gledhill", "Hirst",
    "Illingworth", "Kershaw", "Lister-Kaye", "Mitchell", "Nowak", "Okonjo", "Pattinson",
    "Rushworth", "Schofield", "Taylor", "Uttley", "Wozniak", "Ashworth", "Brook-Smith", "Chan",
    "Desai", "Evans", "Fairclough", "Griffiths", "Hammond", "Jennings", "Kowalski", "Llewellyn",
    "Morgan", "Nolan", "Owusu", "Patel", "Roberts", "Singh", "Tran", "Vaughan", "Williams",
]

# Ward stems (combined with directions or with each other at large sizes).
WARD_STEMS = [
    "Alder Vale", "Barley Fields", "Beacon Hill", "Bell Green", "Birch Common", "Bracken Heath",
    "Chantry", "Church Fenton", "Claypits", "Crossgates", "Dovecote", "Elm Park", "Fairholme",
    "Fox Covert", "Glebelands", "Goose Green", "Hawthorn", "Heathfield", "Highcliffe",
    "Kingfisher", "Lark Rise", "Lindens", "Meadowbank", "Moor Edge", "Nettleford",
    "Old Town", "Orchard Park", "Pinewood", "Poplars", "Rookwood", "St Bride's", "St Luke's",
    "Sandpits", "Sheepwash", "Spinney", "Summerhill", "Thorn Cross", "Upper Vale", "Willowbank",
    "Woodlands",
]
WARD_SUFFIXES = ["", " North", " South", " East", " West", " Central", " Rural"]

STREET_STEMS = [
    "Foundry", "Ropewalk", "Malthouse", "Chandlers", "Coopers", "Weavers", "Tenterfield",
    "Priory", "Gasworks", "Canal", "Quarry", "Orchard", "Chapel", "Kiln", "Sawmill", "Paddock",
    "Glebe", "Lime Kiln", "Drovers", "Bargate", "Wool Hall", "Cattle Market", "Old Forge",
    "Tollgate", "Pinfold", "Vicarage", "Brewery", "Dyers", "Fullers", "Saddlers", "Tithe Barn",
    "Bowling Green", "Goods Yard", "Ferry", "Lock", "Tanyard", "Ashlar", "Furnace", "Cooperage",
    "Nursery", "Hop Garden", "Bleachfield", "Soapworks", "Ironworks", "Almshouse", "Rectory",
    "Pottery", "Windmill", "Toll Bar", "Spa", "Sessions House", "Laundry", "Wagon", "Smithy",
]
STREET_TYPES = ["Lane", "Road", "Street", "Way", "Close", "Walk", "Yard", "Row", "Terrace", "Place"]
# Residential streets for addresses of residents (never matter keywords).
HOME_STREETS = [
    "Acacia Avenue", "Beech Grove", "Blenheim Drive", "Cedar Crescent", "Clover Way",
    "Coronation Road", "Daisy Bank", "Foxglove Close", "Hazel Road", "Heather Drive",
    "Holly Mount", "Juniper Close", "Laburnum Grove", "Lavender Walk", "Linnet Close",
    "Maple Avenue", "Mayfield Road", "Nightingale Court", "Oak Tree Drive", "Primrose Hill",
    "Rowan Crescent", "Sycamore Road", "Thrush Lane", "Victoria Terrace", "Wren Close",
    "Yew Tree Lane", "Albion Street", "Balmoral Road", "Jubilee Close", "Wellington Road",
]

FARM_STEMS = [
    "Coldwell", "Hazelhurst", "Nab End", "Rookery", "Stubbins", "Whinny Bank", "Scout Head",
    "Intake", "Moorside", "Booth Bank", "Crow Nest", "Lumb Head", "Sunny Bank", "Hagg Wood",
    "Ox Close", "Peat Pits", "Far Slack", "Windy Ridge",
]
# Regeneration quarters, squares, shopping centres, conservation areas.
AREA_STEMS = [
    "Guildhall", "Corn Exchange", "Shambles", "Cloth Hall", "Assembly Rooms", "Buttercross",
    "Tithe", "Minster", "Customs House", "Wool Exchange", "Arcade", "Salt Quay", "Maltings",
    "Station Gate", "Friary", "Chapter House", "Canal Basin", "Ropery",
]

COMPANY_STEMS = [
    "Calderbrook", "Fernhill", "Ashgrove", "Kestrel", "Northwold", "Pennant", "Redstart",
    "Vantage", "Wyvern", "Meridian", "Brightlea", "Corvus", "Elmstead", "Harrier", "Linnet",
    "Quayside", "Sable", "Thistledown", "Upland", "Beaconsfield", "Oriel", "Halcyon", "Lodestar",
    "Marlin", "Peregrine", "Summit", "Trident", "Valiant", "Zenith", "Ambervale", "Bluefin",
    "Cobalt", "Damson", "Everglade", "Foxley", "Granite", "Hartwell", "Ivyleaf", "Juniper Point",
    "Keystone", "Longbow", "Millstream", "Nimbus", "Orchid", "Pinnacle", "Quarrystone",
    "Riverbend", "Silverdale", "Tamarind", "Unity", "Verdant", "Westerly",
]
LEISURE_FORMS = ["{} Leisure Ltd", "{} Active Ltd", "{} Leisure Trust"]
WASTE_FORMS = ["{} Environmental Services Ltd", "{} Waste Solutions Ltd", "{} Recycling Ltd"]
DEVELOPER_FORMS = ["{} Developments Ltd", "{} Homes Ltd", "{} Estates LLP", "{} Land Ltd"]
BUSINESS_FORMS = [
    "{} Engineering Ltd", "{} Bakery Ltd", "{} Precision Ltd", "{} Brewing Co Ltd",
    "{} Print Ltd", "{} Logistics Ltd", "{} Textiles Ltd", "{} Foods Ltd",
]
SUPPLIER_FORMS = {
    "grounds": ("grounds maintenance contract", "{} Grounds Maintenance Ltd", "environment", "environment"),
    "ict": ("customer contact platform contract", "{} Digital Ltd", "it", "corporate"),
    "cleaning": ("office cleaning and facilities contract", "{} Facilities Management Ltd", "property", "finance"),
    "fleet": ("vehicle fleet maintenance contract", "{} Fleet Services Ltd", "environment", "environment"),
    "insurance": ("insurance services contract", "{} Insurance Services Ltd", "finance", "finance"),
    "catering": ("civic catering concession", "{} Catering Ltd", "leisure", "leisure"),
}
VALUERS = ["{} & {} LLP"]
CHAMBERS = ["{} Chambers", "{} Row Chambers", "{} Court Chambers"]

# Titles used for party-group identities. {town} is replaced by the council's town.
GROUP_CANDIDATES = [
    # id, name, aliases, short (how people say it), party adjective
    ("grp-ind", "{town} Independents Group", ["{town} Independents", "Independents Group", "{abbr}"], "the Independents"),
    ("grp-con", "Conservative Group", ["Conservatives", "Conservative councillors", "Con Group"], "the Conservatives"),
    ("grp-lab", "Labour Group", ["{town} Labour Group", "Labour councillors", "Labour Group councillors"], "Labour"),
    ("grp-ld", "Liberal Democrat Group", ["Liberal Democrats", "Lib Dems", "Lib Dem Group", "LD Group"], "the Lib Dems"),
    ("grp-grn", "Green Group", ["Green Party Group", "Green councillors", "Greens"], "the Greens"),
    ("grp-ra", "{town} Residents' Association Group", ["{town} Residents", "Residents' Association", "RA Group"], "the Residents"),
]
# A local group whose alias is a short ordinary word in capitals: every council has one, so that
# a classifier must match aliases as whole words in their own case ("ONE" is not "one", nor "PART ONE").
LOCAL_GROUP_CANDIDATES = [
    ("grp-one", "One {town} Group", ["One {town}", "ONE"], "One {town}"),
    ("grp-our", "Our {town} Group", ["Our {town}", "OUR"], "Our {town}"),
    ("grp-first", "{town} First Group", ["{town} First", "FIRST"], "{town} First"),
    ("grp-team", "Team {town} Group", ["Team {town}", "TEAM"], "Team {town}"),
]

JOB_TITLES = [
    ("Refuse Collection Driver", "grade 4"), ("Street Scene Operative", "grade 3"),
    ("Revenues Officer", "grade 5"), ("Housing Officer", "grade 6"),
    ("Car Park Attendant", "grade 2"), ("Customer Services Adviser", "grade 4"),
    ("Parks Supervisor", "grade 6"), ("Environmental Health Technician", "grade 5"),
    ("Payroll Assistant", "grade 4"), ("Planning Technician", "grade 5"),
    ("Leisure Duty Manager", "grade 6"), ("Building Control Surveyor", "grade 8"),
]

PUBS_AND_SHOPS = [
    "The Wheatsheaf", "The Packhorse", "The Drover's Rest", "The Three Tuns", "Corner Stores",
    "Kebab Palace", "Sunrise Convenience Store", "The Old Bell", "Golden Wok", "The Navigation",
]
