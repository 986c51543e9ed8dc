/**
 * The vocabulary the seed builds its data from: where buildings are, who lives there, and what
 * they sell, in the languages those residents write in. Titles and descriptions come in eight
 * languages and four scripts, so search and ranking meet realistic text.
 */

/** Cities, with the currency and main language of listings there. `perEuroCent` converts a price; `step` rounds it. */
export const CITIES = [
  { city: 'Hà Nội', country: 'VN', currency: 'VND', language: 'vi', perEuroCent: 270, step: 1000 },
  { city: 'Thành phố Hồ Chí Minh', country: 'VN', currency: 'VND', language: 'vi', perEuroCent: 270, step: 1000 },
  { city: 'Đà Nẵng', country: 'VN', currency: 'VND', language: 'vi', perEuroCent: 270, step: 1000 },
  { city: 'Berlin', country: 'DE', currency: 'EUR', language: 'de', perEuroCent: 1, step: 100 },
  { city: 'München', country: 'DE', currency: 'EUR', language: 'de', perEuroCent: 1, step: 100 },
  { city: 'Madrid', country: 'ES', currency: 'EUR', language: 'es', perEuroCent: 1, step: 100 },
  { city: 'Barcelona', country: 'ES', currency: 'EUR', language: 'es', perEuroCent: 1, step: 100 },
  { city: 'Paris', country: 'FR', currency: 'EUR', language: 'fr', perEuroCent: 1, step: 100 },
  { city: 'Lyon', country: 'FR', currency: 'EUR', language: 'fr', perEuroCent: 1, step: 100 },
  { city: 'Tokyo', country: 'JP', currency: 'JPY', language: 'ja', perEuroCent: 1.6, step: 100 },
  { city: 'Osaka', country: 'JP', currency: 'JPY', language: 'ja', perEuroCent: 1.6, step: 100 },
  { city: 'London', country: 'GB', currency: 'GBP', language: 'en', perEuroCent: 0.85, step: 50 },
  { city: 'Lisboa', country: 'PT', currency: 'EUR', language: 'pt', perEuroCent: 1, step: 100 },
  { city: 'Riga', country: 'LV', currency: 'EUR', language: 'ru', perEuroCent: 1, step: 100 },
];

export const BUILDING_NAMES = ['Lotus Tower', 'Maple Court', 'Sakura Residence', 'Jade Garden', 'Harbour View', 'Linden Hof', 'Casa del Sol', 'Les Jardins', 'River Park', 'Golden Gate', 'Sunrise Plaza', 'Oak House'];
export const STREETS = ['Main Street', 'Lê Lợi', 'Hauptstraße', 'Calle Mayor', 'Rue de la Paix', 'Sakura-dōri', 'Rua Augusta', 'Brīvības iela', 'High Street', 'Nguyễn Huệ'];

export const FIRST_NAMES = {
  vi: ['Minh', 'Lan', 'Hoa', 'Dũng', 'Thảo', 'Tuấn', 'Linh', 'Quang', 'Mai', 'Hùng'],
  de: ['Anna', 'Lukas', 'Mia', 'Jonas', 'Lea', 'Felix', 'Emma', 'Paul'],
  es: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Martina', 'Pablo', 'Carmen'],
  fr: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Jules', 'Manon'],
  ja: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto'],
  en: ['Olivia', 'Jack', 'Amelia', 'Harry', 'Isla', 'George', 'Ava'],
  pt: ['Beatriz', 'João', 'Inês', 'Tiago', 'Mariana', 'Rodrigo'],
  ru: ['Анна', 'Дмитрий', 'Ольга', 'Иван', 'Мария', 'Сергей'],
};
export const LAST_NAMES = {
  vi: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker'],
  es: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit'],
  ja: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans'],
  pt: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa'],
  ru: ['Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева'],
};

/**
 * Things neighbours sell: a category slug (seeded by marketplace's migration), a price range in
 * euro cents, and the thing's name in each language.
 */
export const ITEMS = [
  { category: 'leisure-bicycles', euroCents: [4_000, 40_000], name: { en: 'City bicycle', vi: 'Xe đạp', de: 'Fahrrad', es: 'Bicicleta', fr: 'Vélo', ja: '自転車', pt: 'Bicicleta', ru: 'Велосипед' } },
  { category: 'leisure-bicycles', euroCents: [2_000, 8_000], name: { en: 'Kids bike', vi: 'Xe đạp trẻ em', de: 'Kinderfahrrad', es: 'Bicicleta infantil', fr: 'Vélo enfant', ja: '子供用自転車', pt: 'Bicicleta de criança', ru: 'Детский велосипед' } },
  { category: 'electronics-phones', euroCents: [5_000, 60_000], name: { en: 'Smartphone', vi: 'Điện thoại', de: 'Handy', es: 'Móvil', fr: 'Smartphone', ja: 'スマートフォン', pt: 'Telemóvel', ru: 'Смартфон' } },
  { category: 'electronics-phones', euroCents: [8_000, 40_000], name: { en: 'Tablet', vi: 'Máy tính bảng', de: 'Tablet', es: 'Tableta', fr: 'Tablette', ja: 'タブレット', pt: 'Tablet', ru: 'Планшет' } },
  { category: 'electronics-computers', euroCents: [15_000, 90_000], name: { en: 'Laptop', vi: 'Máy tính xách tay', de: 'Laptop', es: 'Portátil', fr: 'Ordinateur portable', ja: 'ノートパソコン', pt: 'Portátil', ru: 'Ноутбук' } },
  { category: 'electronics-computers', euroCents: [3_000, 20_000], name: { en: 'Computer monitor', vi: 'Màn hình máy tính', de: 'Monitor', es: 'Monitor', fr: 'Écran', ja: 'モニター', pt: 'Monitor', ru: 'Монитор' } },
  { category: 'electronics-audio-video', euroCents: [10_000, 50_000], name: { en: 'Television', vi: 'Tivi', de: 'Fernseher', es: 'Televisor', fr: 'Téléviseur', ja: 'テレビ', pt: 'Televisão', ru: 'Телевизор' } },
  { category: 'electronics-audio-video', euroCents: [2_000, 15_000], name: { en: 'Bluetooth speaker', vi: 'Loa bluetooth', de: 'Bluetooth-Lautsprecher', es: 'Altavoz bluetooth', fr: 'Enceinte bluetooth', ja: 'ブルートゥーススピーカー', pt: 'Coluna bluetooth', ru: 'Колонка' } },
  { category: 'electronics-gaming', euroCents: [10_000, 40_000], name: { en: 'Game console', vi: 'Máy chơi game', de: 'Spielkonsole', es: 'Videoconsola', fr: 'Console de jeux', ja: 'ゲーム機', pt: 'Consola de jogos', ru: 'Игровая приставка' } },
  { category: 'furniture-living-room', euroCents: [5_000, 60_000], name: { en: 'Sofa', vi: 'Ghế sofa', de: 'Sofa', es: 'Sofá', fr: 'Canapé', ja: 'ソファ', pt: 'Sofá', ru: 'Диван' } },
  { category: 'furniture-living-room', euroCents: [2_000, 15_000], name: { en: 'Bookshelf', vi: 'Kệ sách', de: 'Bücherregal', es: 'Estantería', fr: 'Bibliothèque', ja: '本棚', pt: 'Estante', ru: 'Книжный шкаф' } },
  { category: 'furniture-bedroom', euroCents: [5_000, 40_000], name: { en: 'Wardrobe', vi: 'Tủ quần áo', de: 'Kleiderschrank', es: 'Armario', fr: 'Armoire', ja: 'クローゼット', pt: 'Roupeiro', ru: 'Шкаф' } },
  { category: 'furniture-bedroom', euroCents: [3_000, 30_000], name: { en: 'Bed frame', vi: 'Khung giường', de: 'Bettgestell', es: 'Estructura de cama', fr: 'Cadre de lit', ja: 'ベッドフレーム', pt: 'Estrutura de cama', ru: 'Кровать' } },
  { category: 'furniture-dining', euroCents: [4_000, 45_000], name: { en: 'Dining table', vi: 'Bàn ăn', de: 'Esstisch', es: 'Mesa de comedor', fr: 'Table à manger', ja: 'ダイニングテーブル', pt: 'Mesa de jantar', ru: 'Обеденный стол' } },
  { category: 'furniture-office', euroCents: [3_000, 25_000], name: { en: 'Office chair', vi: 'Ghế văn phòng', de: 'Bürostuhl', es: 'Silla de oficina', fr: 'Chaise de bureau', ja: 'オフィスチェア', pt: 'Cadeira de escritório', ru: 'Офисное кресло' } },
  { category: 'home-appliances', euroCents: [2_000, 12_000], name: { en: 'Rice cooker', vi: 'Nồi cơm điện', de: 'Reiskocher', es: 'Arrocera', fr: 'Cuiseur à riz', ja: '炊飯器', pt: 'Panela de arroz', ru: 'Рисоварка' } },
  { category: 'home-appliances', euroCents: [5_000, 35_000], name: { en: 'Washing machine', vi: 'Máy giặt', de: 'Waschmaschine', es: 'Lavadora', fr: 'Lave-linge', ja: '洗濯機', pt: 'Máquina de lavar', ru: 'Стиральная машина' } },
  { category: 'home-appliances', euroCents: [3_000, 30_000], name: { en: 'Coffee machine', vi: 'Máy pha cà phê', de: 'Kaffeemaschine', es: 'Cafetera', fr: 'Machine à café', ja: 'コーヒーメーカー', pt: 'Máquina de café', ru: 'Кофемашина' } },
  { category: 'home-decor', euroCents: [1_000, 8_000], name: { en: 'Floor lamp', vi: 'Đèn cây', de: 'Stehlampe', es: 'Lámpara de pie', fr: 'Lampadaire', ja: 'フロアランプ', pt: 'Candeeiro de pé', ru: 'Торшер' } },
  { category: 'home-tools', euroCents: [1_500, 12_000], name: { en: 'Power drill', vi: 'Máy khoan', de: 'Bohrmaschine', es: 'Taladro', fr: 'Perceuse', ja: '電動ドリル', pt: 'Berbequim', ru: 'Дрель' } },
  { category: 'home-garden', euroCents: [500, 4_000], name: { en: 'Potted plant', vi: 'Chậu cây', de: 'Zimmerpflanze', es: 'Planta en maceta', fr: 'Plante en pot', ja: '観葉植物', pt: 'Planta em vaso', ru: 'Комнатное растение' } },
  { category: 'fashion-women', euroCents: [1_000, 15_000], name: { en: 'Winter coat', vi: 'Áo khoác mùa đông', de: 'Wintermantel', es: 'Abrigo de invierno', fr: "Manteau d'hiver", ja: '冬用コート', pt: 'Casaco de inverno', ru: 'Зимнее пальто' } },
  { category: 'fashion-shoes-bags', euroCents: [1_500, 20_000], name: { en: 'Leather bag', vi: 'Túi da', de: 'Ledertasche', es: 'Bolso de cuero', fr: 'Sac en cuir', ja: '革のバッグ', pt: 'Mala de couro', ru: 'Кожаная сумка' } },
  { category: 'kids-gear', euroCents: [3_000, 30_000], name: { en: 'Baby stroller', vi: 'Xe đẩy em bé', de: 'Kinderwagen', es: 'Carrito de bebé', fr: 'Poussette', ja: 'ベビーカー', pt: 'Carrinho de bebé', ru: 'Детская коляска' } },
  { category: 'kids-toys', euroCents: [500, 6_000], name: { en: 'LEGO set', vi: 'Bộ LEGO', de: 'LEGO-Set', es: 'Set de LEGO', fr: 'Boîte de LEGO', ja: 'レゴセット', pt: 'Conjunto LEGO', ru: 'Набор LEGO' } },
  { category: 'leisure-sports', euroCents: [1_000, 10_000], name: { en: 'Yoga mat', vi: 'Thảm tập yoga', de: 'Yogamatte', es: 'Esterilla de yoga', fr: 'Tapis de yoga', ja: 'ヨガマット', pt: 'Tapete de ioga', ru: 'Коврик для йоги' } },
  { category: 'leisure-books-music', euroCents: [300, 3_000], name: { en: 'Book collection', vi: 'Bộ sách', de: 'Büchersammlung', es: 'Colección de libros', fr: 'Lot de livres', ja: '本のセット', pt: 'Coleção de livros', ru: 'Собрание книг' } },
  { category: 'leisure-books-music', euroCents: [5_000, 60_000], name: { en: 'Acoustic guitar', vi: 'Đàn guitar', de: 'Akustikgitarre', es: 'Guitarra acústica', fr: 'Guitare acoustique', ja: 'アコースティックギター', pt: 'Guitarra acústica', ru: 'Акустическая гитара' } },
];

/** How each language says "used", "like new" and so on, and where it goes: before or after the name. */
export const QUALIFIERS = {
  en: { before: true, words: ['Used', 'Almost new', 'Vintage', 'Compact', 'Large', 'Barely used', 'Sturdy', 'Spare'] },
  vi: { before: false, words: ['cũ', 'gần như mới', 'cổ điển', 'nhỏ gọn', 'còn tốt', 'ít dùng', 'giá rẻ', 'chính hãng'] },
  de: { before: false, words: ['gebraucht', 'fast neu', 'wie neu', 'kaum benutzt', 'gut erhalten', 'günstig', 'vintage'] },
  es: { before: false, words: ['de segunda mano', 'en buen estado', 'como nuevo', 'poco uso', 'vintage', 'a buen precio'] },
  fr: { before: false, words: ["d'occasion", 'en bon état', 'comme neuf', 'peu servi', 'vintage', 'à petit prix'] },
  ja: { before: true, words: ['中古', '美品', 'ほぼ新品', 'ヴィンテージ', '訳あり', '未使用'] },
  pt: { before: false, words: ['usado', 'em bom estado', 'como novo', 'pouco uso', 'vintage', 'barato'] },
  ru: { before: false, words: ['б/у', 'в хорошем состоянии', 'почти новый', 'недорого', 'винтаж'] },
};

/** Now and then a title gets one of these: brands, counts, and characters search must take literally. */
export const TITLE_EXTRAS = ['(IKEA)', '– Philips', 'Samsung', 'Decathlon', '2 pcs', 'x2', 'XL', '(2021)', '50% off', '#2', 'size_M', '+ accessories'];

export const DESCRIPTIONS = {
  en: ['{item}, {quality}. Pick up in the lobby, floor {floor}.', 'Moving out, so my {item} needs a new home. Works perfectly.', '{item} in {quality} condition. Cash or bank transfer.'],
  vi: ['{item} {quality}. Nhận hàng ở sảnh, tầng {floor}.', 'Chuyển nhà nên bán lại {item}. Dùng tốt, không lỗi.', 'Bán {item}, {quality}. Liên hệ qua tin nhắn.'],
  de: ['{item}, {quality}. Abholung im Foyer, {floor}. Stock.', 'Wegen Umzug abzugeben: {item}. Funktioniert einwandfrei.', '{item} {quality}, nur Abholung.'],
  es: ['{item} {quality}. Recogida en el portal, planta {floor}.', 'Me mudo y vendo {item}. Funciona perfectamente.', 'Vendo {item}, {quality}. Pago en efectivo o Bizum.'],
  fr: ['{item} {quality}. À récupérer dans le hall, {floor}e étage.', 'Déménagement : je vends {item}. Fonctionne parfaitement.', '{item}, {quality}, à venir chercher.'],
  ja: ['{quality}の{item}です。ロビーで受け渡し、{floor}階。', '引っ越しのため{item}を譲ります。問題なく使えます。', '{item}（{quality}）。現金のみ。'],
  pt: ['{item} {quality}. Entrega na portaria, {floor}.º andar.', 'Vou mudar de casa e vendo {item}. Funciona perfeitamente.', '{item}, {quality}. Pagamento por MB Way.'],
  ru: ['{item}, {quality}. Забрать в холле, {floor} этаж.', 'Переезжаю, продаю {item}. Всё работает.', '{item} {quality}. Только самовывоз.'],
};

export const LANGUAGES = Object.keys(QUALIFIERS);
