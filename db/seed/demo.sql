-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Demo data for Madang (마당시청 민원), loaded by `madangctl seed-demo`
-- after it has created the accounts 'admin' (supervisor) and 'citizen'.
-- Expects an empty database migrated with 0001_foundation.sql.
-- Everything here is fictional: people, places and addresses.
-- The extra citizens have password_hash '!' and cannot sign in.

-- No transaction here: madangctl seed-demo runs this file inside its own,
-- with the accounts it creates around it, and commits or rolls back all.
SET NAMES utf8mb4;

-- Citizens who filed the demo cases.
INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang, consent_version, consent_at, active, created_at, updated_at) VALUES
  ('minjun', '!', '김민준', 'minjun.kim@example.kr', '01023458712', 'citizen', 'ko', '2026-01', '2026-08-03 10:12:44', 1, '2026-08-03 10:12:44', '2026-08-03 10:12:44'),
  ('seoyeon', '!', '이서연', 'seoyeon.lee@example.kr', '01034567821', 'citizen', 'ko', '2026-01', '2026-08-11 21:05:10', 1, '2026-08-11 21:05:10', '2026-08-11 21:05:10'),
  ('jihoon', '!', '박지훈', 'jihoon.park@example.kr', '01045672390', 'citizen', 'ko', '2026-01', '2026-08-19 08:47:31', 1, '2026-08-19 08:47:31', '2026-08-19 08:47:31'),
  ('jiwoo', '!', '최지우', 'jiwoo.choi@example.kr', '01056781234', 'citizen', 'ko', '2026-01', '2026-08-27 13:20:02', 1, '2026-08-27 13:20:02', '2026-08-27 13:20:02'),
  ('hyunwoo', '!', '정현우', 'hyunwoo.jung@example.kr', '01067894521', 'citizen', 'ko', '2026-01', '2026-09-02 07:58:19', 1, '2026-09-02 07:58:19', '2026-09-02 07:58:19'),
  ('sujin', '!', '강수진', 'sujin.kang@example.kr', '01078903456', 'citizen', 'ko', '2026-01', '2026-09-08 19:33:57', 1, '2026-09-08 19:33:57', '2026-09-08 19:33:57'),
  ('dohyun', '!', '조도현', 'dohyun.cho@example.kr', '01089014567', 'citizen', 'ko', '2026-01', '2026-09-14 11:16:25', 1, '2026-09-14 11:16:25', '2026-09-14 11:16:25'),
  ('yerin', '!', '윤예린', 'yerin.yoon@example.kr', '01090125678', 'citizen', 'ko', '2026-01', '2026-09-17 22:40:08', 1, '2026-09-17 22:40:08', '2026-09-17 22:40:08');

-- 마당시청 조직 (bureaus first: a division refers to its bureau).
INSERT INTO departments (id, parent_id, name_ko, name_en) VALUES
  (1, NULL, '기획조정실', 'Planning and Coordination Office'),
  (2, 1, '민원담당관실', 'Civil Affairs Division'),
  (3, NULL, '도시교통국', 'Urban Transport Bureau'),
  (4, 3, '도로과', 'Road Management Division'),
  (5, 3, '교통행정과', 'Transport Administration Division'),
  (6, NULL, '환경녹지국', 'Environment and Green Space Bureau'),
  (7, 6, '환경정책과', 'Environmental Policy Division'),
  (8, 6, '청소행정과', 'Sanitation Division'),
  (9, 6, '공원녹지과', 'Parks and Green Space Division'),
  (10, NULL, '복지국', 'Welfare Bureau'),
  (11, 10, '복지정책과', 'Welfare Policy Division'),
  (12, NULL, '도시주택국', 'Urban Planning and Housing Bureau'),
  (13, 12, '건축과', 'Building Division'),
  (14, NULL, '안전총괄실', 'Safety Management Office'),
  (15, 14, '재난안전과', 'Disaster and Safety Division');

INSERT INTO categories (id, name_ko, name_en, department_id, active, sort_order) VALUES
  (1, '도로·보도', 'Roads and Sidewalks', 4, 1, 10),
  (2, '교통·주차', 'Traffic and Parking', 5, 1, 20),
  (3, '청소·쓰레기', 'Cleaning and Waste', 8, 1, 30),
  (4, '소음·환경오염', 'Noise and Pollution', 7, 1, 40),
  (5, '공원·녹지', 'Parks and Green Spaces', 9, 1, 50),
  (6, '주택·건축', 'Housing and Building', 13, 1, 60),
  (7, '복지', 'Welfare', 11, 1, 70),
  (8, '안전', 'Safety', 15, 1, 80),
  (9, '행정 일반', 'General Administration', 2, 1, 90),
  (10, '기타', 'Other', 2, 1, 100);

SET @admin := (SELECT id FROM accounts WHERE login_id = 'admin');

INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title, body, is_public, status, latitude, longitude, address, created_at, updated_at) VALUES
  -- 2026-000001
  ('2026-000001', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '마당로12길 인도 보도블록 파손 신고',
   '안녕하세요. 누리동 마당로12길 34 앞 인도의 보도블록 여러 장이 깨지고 들떠 있습니다. 어제 저녁 어머니께서 그 앞을 지나시다가 발이 걸려 넘어지실 뻔했습니다. 밤에는 파손된 부분이 잘 보이지 않아 더 위험합니다. 빠른 보수 부탁드립니다.',
   1, 'closed', 37.561240, 126.974530, '누리동 마당로12길 34', '2026-09-22 09:14:27', '2026-10-01 10:00:00'),
  -- 2026-000002
  ('2026-000002', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '새빛초등학교 앞 불법 주정차 단속 요청',
   '새빛초등학교 정문 앞 어린이보호구역에 등하교 시간마다 차량들이 양쪽으로 주차되어 있습니다. 아이들이 차 사이로 갑자기 뛰어나오면 운전자가 보지 못할까 봐 매일 불안합니다. 특히 오전 8시부터 9시 사이가 가장 심합니다. 단속 카메라 설치나 집중 단속을 검토해 주시기 바랍니다.',
   1, 'closed', 37.565480, 126.968920, '새빛동 새빛로 21 (새빛초등학교 앞)', '2026-09-23 11:02:05', '2026-10-06 09:00:00'),
  -- 2026-000003
  ('2026-000003', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '느티나무로 신축 공사장 야간 소음',
   '누리동 느티나무로 88 신축 오피스텔 공사장에서 밤 10시가 넘어서까지 철근 내리는 소리와 기계 소리가 계속 납니다. 이번 주에만 벌써 세 번째입니다. 아이가 잠을 자지 못해 가족 모두 너무 힘듭니다. 야간 작업 허가를 받았는지 확인해 주시고, 공사 시간을 지키도록 조치해 주세요.',
   1, 'answered', 37.559810, 126.981240, '누리동 느티나무로 88', '2026-09-23 22:41:50', '2026-10-02 17:40:00'),
  -- 2026-000004
  ('2026-000004', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'seoyeon'),
   '한마음아파트 후문 재활용 수거함 넘침',
   '다솜동 한마음아파트 후문 쪽 재활용 수거함이 주말이 지나면 늘 넘쳐서 비닐과 스티로폼이 도로까지 날아다닙니다. 수거 요일이 월요일과 목요일로 알고 있는데, 이번 주 월요일에는 수거가 되지 않은 것 같습니다. 연휴 동안 계속 쌓일 텐데 걱정입니다. 수거 횟수를 늘리거나 수거함을 추가해 주실 수 있을까요?',
   1, 'closed', NULL, NULL, '다솜동 한마음로 45 (한마음아파트 후문)', '2026-09-25 08:05:13', '2026-10-06 09:30:00'),
  -- 2026-000005
  ('2026-000005', 'complaint', 'web', 5, 9, (SELECT id FROM accounts WHERE login_id = 'dohyun'),
   '한울공원 어린이 놀이터 그네 파손',
   '한울공원 어린이 놀이터의 그네 두 개 중 하나가 체인이 끊어져 바닥에 떨어져 있습니다. 임시로 테이프를 감아 두긴 했지만 아이들이 계속 올라가려고 합니다. 미끄럼틀 아래 고무 바닥도 찢어져 걸려 넘어지기 쉽습니다. 아이들이 많이 이용하는 곳이니 빨리 수리해 주세요.',
   1, 'in_progress', 37.568930, 126.962110, '가온동 한울공원 어린이 놀이터', '2026-09-27 10:48:09', '2026-09-30 15:30:00'),
  -- 2026-000006
  ('2026-000006', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '별빛로 가로등 3개 연속 고장',
   '별빛로 마당역 방향 인도 쪽 가로등 세 개가 일주일째 켜지지 않습니다. 가람중학교 학생들이 학원을 마치고 많이 다니는 길인데 밤이 되면 너무 어둡습니다. 가로등 기둥에 붙은 관리번호는 별빛-112, 113, 114입니다. 점검 부탁드립니다.',
   1, 'answered', 37.563120, 126.970250, '가온동 별빛로 (가로등 별빛-112~114)', '2026-09-28 19:30:44', '2026-10-01 13:25:00'),
  -- 2026-000007
  ('2026-000007', 'complaint', 'phone', 7, 11, (SELECT id FROM accounts WHERE login_id = 'jiwoo'),
   '어머니 기초연금 신청 자격 문의',
   '[전화 접수] 올해 만 65세가 되신 어머니의 기초연금 신청 자격을 문의하셨습니다. 어머니 명의로 작은 아파트가 한 채 있고, 국민연금을 매달 40만 원 정도 받고 계신다고 합니다. 신청할 수 있는지와 필요한 서류, 신청 장소를 안내받기를 원하십니다.',
   0, 'answered', NULL, NULL, NULL, '2026-09-29 14:22:40', '2026-09-30 11:00:00'),
  -- 2026-000008
  ('2026-000008', 'complaint', 'email', 2, 5, (SELECT id FROM accounts WHERE login_id = 'hyunwoo'),
   '마당역 사거리 좌회전 신호 시간 연장 요청',
   '매일 아침 마당역 사거리를 지나 출근하는데, 한마음로 방향 좌회전 신호가 너무 짧아 한 번에 서너 대밖에 지나가지 못합니다. 출근 시간에는 좌회전 대기 차량이 직진 차로까지 막아 사거리 전체가 정체됩니다. 출퇴근 시간대만이라도 좌회전 신호 시간을 늘려 주실 수 있는지 검토 부탁드립니다.',
   1, 'closed', 37.557410, 126.972830, '마당역 사거리', '2026-09-30 07:55:31', '2026-10-14 09:00:00'),
  -- 2026-000009
  ('2026-000009', 'complaint', 'web', 6, 13, (SELECT id FROM accounts WHERE login_id = 'yerin'),
   '옆 건물 옥상 불법 증축 의심 신고',
   '저희 집 옆 다솜동 다솜로 17 건물 옥상에 두 달 전부터 샌드위치 패널로 된 구조물이 세워졌습니다. 사람이 사는 것 같은데 건축 허가를 받은 것인지 궁금합니다. 그 구조물 때문에 저희 집 창문으로 햇빛이 거의 들어오지 않습니다. 확인 부탁드립니다.',
   0, 'assigned', NULL, NULL, '다솜동 다솜로 17', '2026-10-01 13:12:18', '2026-10-02 11:00:00'),
  -- 2026-000010
  ('2026-000010', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'sujin'),
   '솔내천 산책로 다솜교 아래 쓰레기 무단투기',
   '솔내천 산책로 다솜교 아래쪽에 누군가 대형 쓰레기봉투와 폐가구를 계속 버리고 있습니다. 냄새가 나고, 고양이들이 봉투를 찢어 쓰레기가 하천까지 흘러갑니다. 수거해 주시고, 가능하면 CCTV나 경고 안내판도 설치해 주셨으면 합니다.',
   1, 'answered', 37.570310, 126.977640, '다솜동 솔내천 산책로 (다솜교 아래)', '2026-10-02 16:40:02', '2026-10-07 10:45:00'),
  -- 2026-000011
  ('2026-000011', 'complaint', 'web', 8, 15, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '가람중학교 옆 골목 옹벽 균열',
   '가람중학교 옆 골목(가람로3길) 옹벽에 세로로 큰 금이 가 있고, 비가 온 뒤에는 흙이 조금씩 흘러내립니다. 학생들이 매일 지나다니는 길이라 혹시 무너지지 않을까 걱정됩니다. 안전 점검을 받아 볼 수 있을까요?',
   1, 'closed', 37.566240, 126.984310, '가온동 가람로3길 (가람중학교 옆 옹벽)', '2026-10-04 10:05:37', '2026-10-20 09:40:00'),
  -- 2026-000012
  ('2026-000012', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '온누리시장 입구 휴대폰 매장 확성기 소음',
   '온누리시장 입구 휴대폰 매장에서 매일 오전 10시부터 밤 9시까지 확성기로 음악과 광고 방송을 크게 틉니다. 바로 위층에 살고 있어 창문을 닫아도 소리가 들립니다. 직접 부탁도 드려 봤지만 달라지지 않았습니다. 단속이나 계도를 요청드립니다.',
   1, 'in_progress', 37.558730, 126.966140, '새빛동 온누리시장 입구', '2026-10-05 21:18:55', '2026-10-08 14:00:00'),
  -- 2026-000013
  ('2026-000013', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '느티나무로 행정복지센터 앞 포트홀',
   '느티나무로 누리동 행정복지센터 앞 바깥쪽 차로에 지름 50cm 정도 되는 포트홀이 생겼습니다. 어제 비가 온 뒤 더 커진 것 같고, 차들이 피하려고 갑자기 차선을 바꾸다가 사고가 날 뻔한 것을 봤습니다. 밤에는 잘 보이지 않아 더 위험합니다. 긴급 보수 부탁드립니다.',
   1, 'answered', 37.560350, 126.979820, '누리동 느티나무로 (누리동 행정복지센터 앞)', '2026-10-06 09:33:12', '2026-10-06 17:30:00'),
  -- 2026-000014
  ('2026-000014', 'complaint', 'web', 7, 11, (SELECT id FROM accounts WHERE login_id = 'seoyeon'),
   '긴급복지지원 신청 방법 문의',
   '남편이 갑자기 실직하여 생계가 어려운 상황입니다. 초등학생 아이가 둘 있고 모아 둔 돈도 거의 없습니다. 긴급복지지원 제도가 있다고 들었는데, 저희 가정도 신청할 수 있는지, 어디로 가서 무엇을 준비해야 하는지 알려 주시면 감사하겠습니다.',
   0, 'answered', NULL, NULL, NULL, '2026-10-07 15:47:26', '2026-10-08 10:15:00'),
  -- 2026-000015
  ('2026-000015', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'dohyun'),
   '다솜동 주택가 공영주차장 확충 요청',
   '다솜동 다솜로 일대는 오래된 주택가라 주차 공간이 너무 부족합니다. 밤마다 골목 양쪽에 차가 세워져 있어 소방차는커녕 택배 차량도 들어오기 어렵습니다. 빈 공터를 활용하거나 학교 운동장을 야간에 개방하는 방안 등 공영주차장 확충을 검토해 주시기 바랍니다.',
   1, 'assigned', NULL, NULL, '다솜동 다솜로 일대', '2026-10-08 12:20:48', '2026-10-08 15:00:00'),
  -- 2026-000016
  ('2026-000016', 'complaint', 'web', 5, 9, (SELECT id FROM accounts WHERE login_id = 'jiwoo'),
   '푸른숲공원 산책로 야간 조명 개선 요청',
   '푸른숲공원 순환 산책로를 저녁마다 걷는데, 연못 뒤편 구간은 조명이 거의 없어 해가 지면 발밑이 잘 보이지 않습니다. 혼자 걷기에는 무섭다는 이웃들의 이야기도 많이 들립니다. 조명을 추가로 설치해 주시면 좋겠습니다.',
   1, 'answered', 37.572140, 126.958730, '가온동 푸른숲공원 순환 산책로', '2026-10-09 18:03:11', '2026-10-16 14:30:00'),
  -- 2026-000017
  ('2026-000017', 'complaint', 'web', 9, 2, (SELECT id FROM accounts WHERE login_id = 'hyunwoo'),
   '마당역 무인민원발급기 장기간 고장',
   '마당역 지하 1층 무인민원발급기가 일주일 넘게 ''점검 중'' 화면만 떠 있습니다. 주말에 주민등록등본을 뗄 수 있는 곳이 여기밖에 없어 불편합니다. 언제 수리되는지 알려 주세요.',
   1, 'answered', 37.557530, 126.973140, '마당역 지하 1층 무인민원발급기', '2026-10-10 11:11:04', '2026-10-13 10:00:00'),
  -- 2026-000018
  ('2026-000018', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'yerin'),
   '음식물 쓰레기 수거 후 도로에 국물 흘림',
   '새빛동 새빛로 45 앞에서 음식물 쓰레기 수거 차량이 수거할 때마다 국물을 도로에 흘리고 갑니다. 며칠 지나면 악취가 심하고 날파리가 꼬입니다. 수거 후 물청소를 하거나 차량을 점검해 주시기를 부탁드립니다.',
   1, 'answered', 37.564720, 126.969350, '새빛동 새빛로 45', '2026-10-12 08:40:29', '2026-10-16 15:00:00'),
  -- 2026-000019
  ('2026-000019', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'sujin'),
   '윗집 층간소음 상담 및 중재 요청',
   '아파트 윗집에서 밤 11시가 넘어서도 뛰는 소리와 가구 끄는 소리가 계속 납니다. 관리사무소를 통해 몇 번 이야기했지만 나아지지 않았습니다. 시에서 층간소음 상담이나 이웃 간 중재를 받을 수 있는 방법이 있는지 알고 싶습니다.',
   0, 'assigned', NULL, NULL, NULL, '2026-10-13 22:15:33', '2026-10-14 10:10:00'),
  -- 2026-000020
  ('2026-000020', 'complaint', 'web', 6, 13, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '노후 주택 집수리 지원사업 신청 문의',
   '1985년에 지어진 단독주택에 살고 있는데 지붕에서 비가 새고 외벽에 금이 많이 갔습니다. 시에서 오래된 주택의 수리 비용을 지원하는 사업이 있다고 들었습니다. 신청 자격과 지원 금액, 신청 기간을 알려 주시면 감사하겠습니다.',
   0, 'received', NULL, NULL, NULL, '2026-10-14 14:05:57', '2026-10-14 14:05:57'),
  -- 2026-000021
  ('2026-000021', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '한마음아파트 버스정류장 도착 안내 단말기 고장',
   '한마음로 한마음아파트 버스정류장의 버스 도착 안내 단말기가 꺼져 있습니다. 어르신들은 스마트폰 앱을 잘 쓰지 못하셔서 버스가 언제 오는지 모른 채 한참을 서 계십니다. 수리를 부탁드립니다.',
   1, 'in_progress', 37.561730, 126.966520, '다솜동 한마음로 (한마음아파트 버스정류장)', '2026-10-15 09:50:16', '2026-10-19 11:20:00'),
  -- 2026-000022
  ('2026-000022', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '마당로8길 빗물받이 막힘으로 골목 침수',
   '누리동 마당로8길 골목의 빗물받이가 낙엽과 담배꽁초로 꽉 막혀 있습니다. 어제 비가 조금 왔는데도 골목 입구에 물이 발목까지 고여 지나가기 어려웠습니다. 본격적으로 비가 오면 집 안으로 물이 들어올까 걱정입니다. 청소 부탁드립니다.',
   1, 'in_progress', 37.560910, 126.975140, '누리동 마당로8길 입구', '2026-10-16 17:25:40', '2026-10-20 16:00:00'),
  -- 2026-000023
  ('2026-000023', 'complaint', 'web', 8, 15, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '가온로5길 언덕길 제설함 설치 요청',
   '가온동 가온로5길은 경사가 심한 언덕길인데, 작년 겨울 눈이 왔을 때 여러 사람이 미끄러져 다쳤습니다. 언덕 위아래에 제설함이 하나도 없어 주민들이 직접 눈을 치우기도 어렵습니다. 올겨울이 오기 전에 제설함과 염화칼슘을 비치해 주시면 좋겠습니다.',
   1, 'received', 37.567580, 126.963340, '가온동 가온로5길 언덕길', '2026-10-18 10:30:22', '2026-10-18 10:30:22'),
  -- 2026-000024
  ('2026-000024', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'jiwoo'),
   '대형 폐기물 배출 신고 방법 문의',
   '이사를 하면서 장롱과 침대 매트리스를 버리려고 합니다. 대형 폐기물 배출 신고를 인터넷으로 할 수 있는지, 수수료는 얼마인지 궁금합니다. 스티커는 어디에서 살 수 있는지도 알려 주세요.',
   0, 'answered', NULL, NULL, NULL, '2026-10-19 13:45:03', '2026-10-20 10:30:00'),
  -- 2026-000025
  ('2026-000025', 'complaint', 'web', 5, 9, (SELECT id FROM accounts WHERE login_id = 'seoyeon'),
   '한울공원 잔디광장 반려견 배변 미수거',
   '한울공원 잔디광장에서 반려견 배변을 치우지 않고 가는 분들이 많습니다. 아이들이 잔디에서 뛰어놀다가 밟는 일이 자주 있습니다. 배변봉투함과 안내 표지판을 더 설치하고 계도 활동을 해 주시기 바랍니다.',
   1, 'received', 37.569210, 126.961820, '가온동 한울공원 잔디광장', '2026-10-20 19:10:38', '2026-10-20 19:10:38'),
  -- 2026-000026
  ('2026-000026', 'complaint', 'phone', 7, 11, (SELECT id FROM accounts WHERE login_id = 'hyunwoo'),
   '홀로 사시는 이웃 어르신 안부 확인 요청',
   '[전화 접수] 다솜동 다솜로 30 일대에 혼자 사시는 80대 어르신이 일주일 가까이 보이지 않는다며 걱정된다고 하셨습니다. 평소에는 매일 아침 골목을 산책하셨는데, 최근 우편물이 쌓여 있고 문을 두드려도 대답이 없다고 합니다. 어르신의 안부 확인을 요청하셨습니다.',
   0, 'closed', NULL, NULL, '다솜동 다솜로 30 일대', '2026-10-21 11:55:14', '2026-10-27 10:00:00'),
  -- 2026-000027
  ('2026-000027', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'yerin'),
   '마당역 2번 출구 앞 공유 전동킥보드 방치',
   '마당역 2번 출구 앞 인도에 공유 전동킥보드가 매일 열 대 넘게 아무렇게나 세워져 있습니다. 유모차를 끌고 지나가기 어렵고, 시각장애인 점자블록 위에 놓여 있을 때도 많습니다. 업체에 수거를 요청하시거나 전용 주차구역을 만들어 주세요.',
   1, 'in_progress', 37.557190, 126.973320, '마당역 2번 출구 앞 인도', '2026-10-22 08:20:51', '2026-10-26 14:10:00'),
  -- 2026-000028
  ('2026-000028', 'complaint', 'web', 6, 13, (SELECT id FROM accounts WHERE login_id = 'sujin'),
   '새빛로7길 방치된 빈집 정비 요청',
   '새빛동 새빛로7길 22 빈집이 몇 년째 방치되어 있습니다. 담장이 기울어 있고 마당에 쓰레기가 쌓여 여름이면 벌레가 많이 생깁니다. 밤에 청소년들이 드나드는 것 같아 불안하기도 합니다. 소유주에게 정비를 요청하거나 시에서 조치해 주실 수 있는지 문의드립니다.',
   1, 'received', 37.564910, 126.969740, '새빛동 새빛로7길 22', '2026-10-23 16:00:07', '2026-10-23 16:00:07'),
  -- 2026-000029
  ('2026-000029', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '새빛동 저녁 시간 타는 냄새(악취) 원인 조사 요청',
   '최근 한 달 동안 저녁 7시 무렵이면 새빛동 아파트 단지 전체에 무언가 타는 듯한 냄새가 납니다. 창문을 열어 두기 어려울 정도이고, 아이가 목이 아프다고 합니다. 인근 공장이나 사업장에서 나는 것인지 확인해 주시기 바랍니다.',
   1, 'assigned', NULL, NULL, '새빛동 일대', '2026-10-25 10:10:45', '2026-10-26 09:40:00'),
  -- 2026-000030
  ('2026-000030', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '시청 앞 점자블록 파손 및 단절',
   '마당로 마당시청 버스정류장에서 시청 정문까지 이어지는 점자블록이 여러 군데 깨지거나 빠져 있습니다. 시각장애인 친구와 함께 걸어 보니 중간에 블록이 끊겨 있어 많이 불편해했습니다. 보수 부탁드립니다.',
   1, 'received', 37.566310, 126.977920, '마당로 (마당시청 버스정류장~시청 정문)', '2026-10-26 13:35:19', '2026-10-26 13:35:19'),
  -- 2026-000031
  ('2026-000031', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '누리동 먹자골목 상가 쓰레기 야간 무단 배출',
   '누리동 먹자골목 상가들이 밤 10시 이후 종량제 봉투를 가로수 아래에 쌓아 두는데, 새벽 수거 전까지 고양이들이 봉투를 찢어 길이 엉망이 됩니다. 아침 출근길마다 음식물 쓰레기가 흩어져 있습니다. 배출 장소와 시간을 지키도록 계도해 주시기 바랍니다.',
   1, 'received', 37.559460, 126.980570, '누리동 먹자골목', '2026-10-27 20:50:02', '2026-10-27 20:50:02'),
  -- 2026-000032
  ('2026-000032', 'complaint', 'email', 9, 2, (SELECT id FROM accounts WHERE login_id = 'jiwoo'),
   '시청 여권 민원실 대기 시간 개선 요청',
   '지난주 금요일 점심시간에 시청 여권 민원실을 방문했는데 대기 인원이 40명이 넘어 한 시간 반을 기다렸습니다. 창구는 네 개인데 두 곳만 운영하고 있었습니다. 점심시간 교대 근무나 온라인 예약제 도입을 검토해 주셨으면 합니다.',
   0, 'assigned', NULL, NULL, '마당시청 여권 민원실', '2026-10-29 09:15:36', '2026-10-29 11:00:00'),
  -- 2026-000033
  ('2026-000033', 'complaint', 'web', 5, 9, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '가온빌라 앞 은행나무 가지치기 요청',
   '가온로 가온빌라 앞 은행나무 가지가 2층 창문과 전선에 닿을 정도로 자랐습니다. 바람이 세게 불면 가지가 창문을 두드려 밤에 잠을 설칩니다. 요즘은 은행 열매까지 떨어져 냄새도 심합니다. 가지치기를 부탁드립니다.',
   1, 'received', 37.567820, 126.964050, '가온동 가온로 (가온빌라 앞)', '2026-10-30 14:40:25', '2026-10-30 14:40:25'),
  -- 2026-000034
  ('2026-000034', 'complaint', 'web', 8, 15, (SELECT id FROM accounts WHERE login_id = 'seoyeon'),
   '별빛로 공사장 가림막 기울어짐',
   '별빛로 상가 리모델링 공사장의 가림막이 인도 쪽으로 기울어져 있습니다. 어제처럼 바람이 세게 부는 날에는 흔들리는 것이 눈에 보일 정도입니다. 바로 옆이 버스정류장이라 사람이 많이 다니는데 쓰러질까 걱정됩니다. 확인 부탁드립니다.',
   1, 'in_progress', 37.562840, 126.971130, '가온동 별빛로 상가 리모델링 공사장', '2026-10-31 18:25:47', '2026-11-02 16:40:00'),
  -- 2026-000035
  ('2026-000035', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'hyunwoo'),
   '가람중학교 앞 과속방지턱 도색 요청',
   '가람중학교 앞 과속방지턱 도색이 거의 다 지워져서 운전자들이 방지턱을 보지 못하고 속도를 줄이지 않습니다. 저도 모르고 지나가다가 차가 크게 튀어 놀란 적이 있습니다. 학생들 안전을 위해 다시 도색해 주시면 좋겠습니다.',
   1, 'received', 37.566050, 126.984620, '가온동 가람로 (가람중학교 앞)', '2026-11-02 09:05:58', '2026-11-02 09:05:58'),
  -- 2026-000036
  ('2026-000036', 'complaint', 'web', 7, 11, (SELECT id FROM accounts WHERE login_id = 'yerin'),
   '아이돌봄 서비스 대기 기간 문의',
   '맞벌이 가정으로 여섯 살 아이를 키우고 있습니다. 아이돌봄 서비스를 신청한 지 두 달이 지났는데 아직도 대기 중이라는 안내만 받았습니다. 대략 언제쯤 연계가 가능한지, 그리고 기다리는 동안 이용할 수 있는 다른 돌봄 서비스가 있는지 알고 싶습니다.',
   0, 'received', NULL, NULL, NULL, '2026-11-03 12:30:14', '2026-11-03 12:30:14'),
  -- 2026-000037
  ('2026-000037', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'sujin'),
   '한빛병원 앞 맨홀 뚜껑 소음',
   '마당로 한빛병원 앞 차로에 있는 맨홀 뚜껑이 차가 지나갈 때마다 ''덜컹'' 하는 큰 소리를 냅니다. 밤새 소리가 나서 병원에 입원한 환자분들도 불편해하십니다. 뚜껑이 들떠 있는 것 같으니 점검 부탁드립니다.',
   1, 'received', 37.564130, 126.975610, '누리동 마당로 (한빛병원 앞)', '2026-11-04 15:15:09', '2026-11-04 15:15:09'),
  -- 2026-000038
  ('2026-000038', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '다솜초등학교 앞 헌옷수거함 주변 쓰레기',
   '다솜동 다솜초등학교 앞 인도에 있는 헌옷수거함 주변에 옷과 쓰레기가 늘 흩어져 있습니다. 수거함이 가득 찬 채로 오래 방치되어 사람들이 그 옆에 그냥 두고 가는 것 같습니다. 관리 주체를 확인하셔서 정기적으로 비워 주시거나 철거를 검토해 주세요.',
   1, 'received', 37.562270, 126.967480, '다솜동 다솜초등학교 앞 인도', '2026-11-05 10:45:33', '2026-11-05 10:45:33'),
  -- 2026-000039
  ('2026-000039', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '느티나무로 새벽 시간 오토바이 소음',
   '누리동 느티나무로 일대에서 새벽 1시부터 3시 사이에 오토바이들이 굉음을 내며 지나갑니다. 소음기를 개조한 것 같은 오토바이도 있습니다. 주택이 밀집한 지역이니 이동식 소음 단속이나 경찰과의 합동 단속을 요청드립니다.',
   0, 'received', NULL, NULL, '누리동 느티나무로 일대', '2026-11-06 19:40:27', '2026-11-06 19:40:27'),
  -- 2026-000040
  ('2026-000040', 'complaint', 'web', 6, 13, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '아파트 장기수선충당금 인상 관련 점검 요청',
   '저희 아파트 관리사무소가 올해 장기수선충당금을 크게 올리면서 주민들에게 제대로 설명하지 않았습니다. 관리비 내역 공개도 충분하지 않습니다. 시에서 공동주택 관리에 대한 점검이나 감사를 받을 수 있는 방법이 있는지 궁금합니다.',
   0, 'received', NULL, NULL, NULL, '2026-11-08 11:20:44', '2026-11-08 11:20:44'),
  -- 2026-000041
  ('2026-000041', 'complaint', 'email', 2, 5, (SELECT id FROM accounts WHERE login_id = 'dohyun'),
   '마을버스 03번 출근 시간 증차 요청',
   '가온동에서 마당역으로 가는 마을버스 03번이 출근 시간에도 20분 간격으로 다녀서 매번 만원입니다. 두세 대를 그냥 보내야 겨우 탈 수 있습니다. 출근 시간대 증차를 검토해 주실 수 있을까요?',
   0, 'received', NULL, NULL, '가온동~마당역 마을버스 03번', '2026-11-09 08:50:12', '2026-11-09 08:50:12'),
  -- 2026-000042
  ('2026-000042', 'complaint', 'web', 5, 9, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '푸른숲공원 입구 운동기구 고장',
   '푸른숲공원 입구 쪽 야외 운동기구 가운데 허리 돌리기 기구의 축이 빠져 덜컹거립니다. 아침마다 어르신들이 많이 이용하시는데 다치실까 걱정됩니다. 점검과 수리를 부탁드립니다.',
   1, 'received', 37.571870, 126.959320, '가온동 푸른숲공원 입구 야외 운동기구', '2026-11-10 14:25:50', '2026-11-10 14:25:50'),
  -- 2026-000043
  ('2026-000043', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'seoyeon'),
   '한마음아파트 앞 횡단보도 보도 턱 낮춤 요청',
   '한마음로 한마음아파트 앞 횡단보도는 인도와 차도 사이의 턱이 높아 휠체어나 유모차가 지나가기 힘듭니다. 저도 유모차를 들어 올려야 해서 매번 불편합니다. 다른 횡단보도처럼 경사로로 낮춰 주시기 바랍니다.',
   1, 'received', 37.561480, 126.966870, '다솜동 한마음로 (한마음아파트 앞 횡단보도)', '2026-11-11 17:55:21', '2026-11-11 17:55:21'),
  -- 2026-000044
  ('2026-000044', 'complaint', 'web', 4, 7, (SELECT id FROM accounts WHERE login_id = 'hyunwoo'),
   '가온아파트 외벽 도장 공사 페인트 분진',
   '옆 단지 가온아파트가 외벽 재도장 공사를 하면서 페인트 분진이 날아와 저희 동 주차장 차량과 베란다에 얼룩이 생겼습니다. 비산 방지망이 제대로 설치되지 않은 것 같습니다. 공사 현장 관리 감독을 요청드립니다.',
   0, 'received', 37.568150, 126.964720, '가온동 가온아파트', '2026-11-12 10:00:39', '2026-11-12 10:00:39'),
  -- 2026-000045
  ('2026-000045', 'complaint', 'web', 8, 15, (SELECT id FROM accounts WHERE login_id = 'yerin'),
   '새빛어린이공원 놀이터 방범용 CCTV 설치 요청',
   '새빛동 새빛어린이공원 놀이터 주변에 밤늦게 청소년들이 모여 술을 마시고 담배를 피우는 일이 잦습니다. 다음 날 아침이면 모래밭에 깨진 병 조각이 있을 때도 있습니다. 방범용 CCTV 설치와 야간 순찰 강화를 부탁드립니다.',
   1, 'assigned', 37.565170, 126.970480, '새빛동 새빛어린이공원', '2026-11-13 13:10:05', '2026-11-16 09:30:00'),
  -- 2026-000046
  ('2026-000046', 'complaint', 'phone', 7, 11, (SELECT id FROM accounts WHERE login_id = 'sujin'),
   '장애인 활동지원 서비스 시간 일시 추가 문의',
   '[전화 접수] 발달장애가 있는 20대 아들을 돌보고 계신 어머니께서 문의하셨습니다. 현재 장애인 활동지원 서비스를 월 120시간 받고 있으나, 다음 달 민원인 본인의 수술로 한동안 돌봄이 어렵다고 합니다. 일시적으로라도 지원 시간을 늘릴 수 있는지, 신청 절차는 어떻게 되는지 안내를 요청하셨습니다.',
   0, 'received', NULL, NULL, NULL, '2026-11-13 15:35:48', '2026-11-13 15:35:48'),
  -- 2026-000047
  ('2026-000047', 'complaint', 'web', 2, 5, (SELECT id FROM accounts WHERE login_id = 'citizen'),
   '늘푸른도서관 장애인 전용 주차구역 상습 불법 주차',
   '늘푸른도서관 주차장의 장애인 전용 주차구역에 표지가 없는 차량이 거의 매일 세워져 있습니다. 장애가 있는 가족과 함께 도서관에 가는데 자리가 없어 멀리 떨어진 곳에 주차해야 합니다. 단속을 부탁드립니다.',
   1, 'received', 37.570720, 126.968810, '가온동 늘푸른도서관 주차장', '2026-11-16 16:45:02', '2026-11-16 16:45:02'),
  -- 2026-000048
  ('2026-000048', 'complaint', 'web', 10, 2, (SELECT id FROM accounts WHERE login_id = 'jihoon'),
   '골목 길고양이 문제와 급식소·중성화 사업 문의',
   '누리동 마당로12길 골목에 길고양이가 많아 이웃 사이에 다툼이 생기고 있습니다. 먹이를 주는 분들과 싫어하는 분들 사이의 갈등이 점점 커지고 있어, 시에서 운영하는 길고양이 급식소나 중성화 사업이 있다면 안내받고 싶습니다.',
   0, 'received', NULL, NULL, '누리동 마당로12길', '2026-11-17 11:05:30', '2026-11-17 11:05:30'),
  -- 2026-000049
  ('2026-000049', 'complaint', 'web', 3, 8, (SELECT id FROM accounts WHERE login_id = 'minjun'),
   '느티나무로 인도 낙엽 청소 요청',
   '느티나무로 인도에 낙엽이 두껍게 쌓여 있습니다. 비가 온 뒤로 낙엽이 젖어 미끄러워져서 어제는 어르신 한 분이 넘어지시는 것을 보았습니다. 빗물받이도 낙엽으로 막혀 있으니 청소를 부탁드립니다.',
   1, 'received', 37.560150, 126.980310, '누리동 느티나무로 인도', '2026-11-18 20:20:16', '2026-11-18 20:20:16'),
  -- 2026-000050
  ('2026-000050', 'complaint', 'web', 1, 4, (SELECT id FROM accounts WHERE login_id = 'dohyun'),
   '가온로 상수도 공사 후 도로 복구 미흡',
   '가온로 가온빌라 앞 도로에서 지난달 상수도 공사를 한 뒤 아스팔트를 임시로만 덮어 놓아 노면이 울퉁불퉁합니다. 자전거를 타고 지나가다가 핸들이 흔들려 넘어질 뻔했습니다. 언제 정식으로 복구되는지 알려 주시고 빠른 정비를 부탁드립니다.',
   1, 'received', 37.567940, 126.963810, '가온동 가온로 (가온빌라 앞)', '2026-11-19 09:40:08', '2026-11-19 09:40:08');

-- Every case starts with a public 'filed' event by the person who filed it.
INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
SELECT id, 'filed', account_id, NULL, 1, NULL, created_at
  FROM cases
 WHERE tracking_no BETWEEN '2026-000001' AND '2026-000050'
 ORDER BY created_at, id;

-- Handling by the city (acted on by the demo supervisor), in time order.
INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at) VALUES
  ((SELECT id FROM cases WHERE tracking_no = '2026-000001'), 'assigned', @admin, 4, 1, NULL, '2026-09-22 14:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000002'), 'assigned', @admin, 5, 1, NULL, '2026-09-23 15:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000001'), 'answered', @admin, 4, 1, '안녕하십니까. 마당시 도로과입니다. 시정에 관심을 가져 주셔서 감사드립니다. 말씀하신 마당로12길 34 앞 인도를 9월 22일 오후 현장 확인한 결과 보도블록 12장이 파손되어 있어, 오늘 교체 공사를 마쳤습니다. 앞으로도 정기 순찰을 통해 보행 불편 구간을 신속히 정비하겠습니다. 추가로 궁금하신 점은 도로과 도로관리팀으로 문의해 주시기 바랍니다. 감사합니다.', '2026-09-23 17:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000006'), 'assigned', @admin, 4, 1, NULL, '2026-09-29 09:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000005'), 'assigned', @admin, 9, 1, NULL, '2026-09-29 09:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000003'), 'assigned', @admin, 7, 1, NULL, '2026-09-29 09:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000004'), 'assigned', @admin, 8, 1, NULL, '2026-09-29 10:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000007'), 'assigned', @admin, 11, 1, NULL, '2026-09-29 16:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000002'), 'answered', @admin, 5, 1, '안녕하십니까. 마당시 교통행정과입니다. 새빛초등학교 앞 어린이보호구역 불법 주정차에 관해 말씀 주신 내용을 잘 살펴보았습니다. 9월 29일부터 등교 시간대(08:00~09:00)에 단속 인력을 배치하여 집중 단속을 하고 있으며, 10월 중 고정형 불법 주정차 단속 카메라를 설치할 예정입니다. 아이들이 안전하게 통학할 수 있도록 계속 노력하겠습니다. 감사합니다.', '2026-09-30 10:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000008'), 'assigned', @admin, 5, 1, NULL, '2026-09-30 10:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000007'), 'answered', @admin, 11, 1, '안녕하십니까. 마당시 복지정책과입니다. 기초연금은 만 65세 이상이시고 소득인정액이 선정기준액 이하인 분이 받으실 수 있습니다. 주택과 국민연금 수령액은 소득인정액 산정에 반영되므로, 정확한 수급 여부는 신청 후 조사를 거쳐 결정됩니다. 어머니 신분증과 통장 사본을 가지고 주소지 행정복지센터나 국민연금공단 지사를 방문하시면 신청하실 수 있습니다. 자세한 상담이 필요하시면 주소지 행정복지센터 복지팀으로 연락해 주시기 바랍니다.', '2026-09-30 11:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000005'), 'in_progress', @admin, 9, 1, '현장 확인을 마치고 파손된 그네는 사용 금지 조치를 하였습니다. 교체 부품과 고무 바닥재가 입고되는 대로 수리할 예정입니다.', '2026-09-30 15:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000001'), 'closed', @admin, 4, 1, NULL, '2026-10-01 10:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000006'), 'answered', @admin, 4, 1, '안녕하십니까. 마당시 도로과입니다. 알려 주신 별빛로 가로등(관리번호 별빛-112~114)을 9월 30일 점검한 결과, 지중 케이블 누전으로 차단기가 내려가 소등된 것으로 확인되었습니다. 같은 날 케이블을 보수하고 정상 점등을 확인하였습니다. 야간 보행 안전에 관심을 가져 주셔서 감사합니다.', '2026-10-01 13:25:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000004'), 'answered', @admin, 8, 1, '안녕하십니까. 마당시 청소행정과입니다. 한마음아파트 후문 재활용 수거함 문제로 불편을 드려 죄송합니다. 확인해 보니 9월 21일 수거 차량 고장으로 일부 구간의 수거가 빠졌으며, 밀린 물량은 9월 29일 모두 수거하였습니다. 또한 10월부터 해당 구역에 재활용 수거함 2개를 더 배치하겠습니다. 앞으로 수거 누락이 없도록 대행업체 관리를 철저히 하겠습니다.', '2026-10-01 14:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000009'), 'assigned', @admin, 13, 1, NULL, '2026-10-02 11:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000010'), 'assigned', @admin, 8, 1, NULL, '2026-10-02 17:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000003'), 'answered', @admin, 7, 1, '안녕하십니까. 마당시 환경정책과입니다. 느티나무로 88 공사장 소음과 관련하여 9월 30일 밤 현장 점검을 하였습니다. 측정 결과 야간 생활소음 규제기준을 넘는 것으로 확인되어 시공사에 과태료를 부과하고, 오후 10시 이후 작업 중지를 명령하였습니다. 앞으로 2주 동안 야간 불시 점검을 이어 가겠으니, 같은 일이 다시 생기면 알려 주시기 바랍니다. 불편을 겪으신 점 양해 부탁드립니다.', '2026-10-02 17:40:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000011'), 'assigned', @admin, 15, 1, NULL, '2026-10-05 09:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000002'), 'closed', @admin, 5, 1, NULL, '2026-10-06 09:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000012'), 'assigned', @admin, 7, 1, NULL, '2026-10-06 09:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000004'), 'closed', @admin, 8, 1, NULL, '2026-10-06 09:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000013'), 'assigned', @admin, 4, 1, NULL, '2026-10-06 10:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000013'), 'answered', @admin, 4, 1, '안녕하십니까. 마당시 도로과입니다. 신고해 주신 느티나무로 포트홀은 오늘 오후 긴급 보수반이 출동하여 아스콘으로 임시 복구를 마쳤습니다. 해당 구간은 노면 상태가 전반적으로 좋지 않아 11월 중 재포장 공사를 할 예정입니다. 신속히 알려 주셔서 감사합니다.', '2026-10-06 17:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000010'), 'answered', @admin, 8, 1, '안녕하십니까. 마당시 청소행정과입니다. 말씀하신 솔내천 다솜교 아래 무단투기 쓰레기와 폐가구는 10월 5일 모두 수거하였습니다. 또한 무단투기 금지 안내판을 설치하고, 11월 말까지 이동식 CCTV를 배치하여 투기 행위를 단속할 예정입니다. 쾌적한 산책로를 위해 알려 주셔서 감사합니다.', '2026-10-07 10:45:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000014'), 'assigned', @admin, 11, 1, NULL, '2026-10-07 16:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000014'), 'answered', @admin, 11, 1, '안녕하십니까. 마당시 복지정책과입니다. 어려운 상황에서 문의해 주셔서 감사합니다. 주 소득자의 실직으로 생계가 곤란해진 경우 긴급복지지원(생계지원)을 신청하실 수 있으며, 가구원 수에 따라 생계비를 먼저 지원받으실 수 있습니다. 신분증을 가지고 주소지 행정복지센터를 방문하시거나 보건복지상담센터(129)로 전화하시면 상담 후 바로 신청하실 수 있습니다. 담당 사회복지 공무원이 오늘 중 직접 연락드려 필요한 서류와 함께 받으실 수 있는 다른 지원 제도도 안내해 드리겠습니다.', '2026-10-08 10:15:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000012'), 'in_progress', @admin, 7, 1, '10월 7일 현장을 방문하여 업주에게 확성기 사용 자제를 계도하였습니다. 이행 여부를 확인하기 위해 다음 주 중 소음 측정을 할 예정입니다.', '2026-10-08 14:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000015'), 'assigned', @admin, 5, 1, NULL, '2026-10-08 15:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000011'), 'answered', @admin, 15, 1, '안녕하십니까. 마당시 재난안전과입니다. 가람로3길 옹벽에 대해 10월 7일 외부 전문가와 함께 긴급 안전점검을 하였습니다. 점검 결과 표면 균열은 있으나 당장 구조적 안전에는 문제가 없는 C등급으로 판정되었습니다. 다만 배수가 원활하지 않아 흙이 흘러내리고 있어, 10월 중 배수로 정비와 균열 보수 공사를 하고 이후 분기마다 계측 관리를 하겠습니다. 주민 안전을 위해 신고해 주셔서 감사합니다.', '2026-10-08 15:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000008'), 'answered', @admin, 5, 1, '안녕하십니까. 마당시 교통행정과입니다. 마당역 사거리 좌회전 신호와 관련하여 10월 1일부터 사흘 동안 출근 시간대 교통량을 조사하였습니다. 한마음로 방향 좌회전 대기 차량이 많은 것으로 확인되어, 관할 경찰서와 협의를 거쳐 10월 7일부터 오전 7시~9시 좌회전 신호를 25초에서 35초로 늘렸습니다. 조정 후에도 불편이 계속되면 다시 말씀해 주시기 바랍니다. 감사합니다.', '2026-10-08 16:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000016'), 'assigned', @admin, 9, 1, NULL, '2026-10-12 09:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000017'), 'assigned', @admin, 2, 1, NULL, '2026-10-12 09:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000018'), 'assigned', @admin, 8, 1, NULL, '2026-10-12 11:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000017'), 'answered', @admin, 2, 1, '안녕하십니까. 마당시 민원담당관실입니다. 마당역 무인민원발급기는 프린터 부품 고장으로 운영이 중단되었으며, 10월 12일 부품을 교체하여 현재 정상 운영하고 있습니다. 이용에 불편을 드려 죄송합니다. 참고로 주민등록등본은 정부24 누리집에서도 24시간 무료로 발급받으실 수 있습니다.', '2026-10-13 10:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000008'), 'closed', @admin, 5, 1, NULL, '2026-10-14 09:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000019'), 'assigned', @admin, 7, 1, NULL, '2026-10-14 10:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000021'), 'assigned', @admin, 5, 1, NULL, '2026-10-15 13:40:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000016'), 'answered', @admin, 9, 1, '안녕하십니까. 마당시 공원녹지과입니다. 푸른숲공원 연못 뒤편 산책로는 조명 간격이 넓어 야간 보행이 불편하다는 점을 현장에서 확인하였습니다. 해당 구간 약 300m에 LED 볼라드 조명 15개를 추가로 설치하기로 하고 11월 중 공사를 진행할 예정입니다. 공사 기간에는 일부 구간 통행이 제한될 수 있으니 양해 부탁드립니다. 감사합니다.', '2026-10-16 14:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000018'), 'answered', @admin, 8, 1, '안녕하십니까. 마당시 청소행정과입니다. 새빛로 45 앞 음식물 쓰레기 수거 과정에서 오수가 흘러 불편을 드려 죄송합니다. 확인 결과 수거 차량의 오수 밸브 패킹이 낡아 새고 있었으며, 10월 15일 부품을 교체하였습니다. 아울러 수거 대행업체에 수거 후 주변 물청소를 하도록 지시하였고, 이행 여부를 계속 점검하겠습니다. 감사합니다.', '2026-10-16 15:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000022'), 'assigned', @admin, 4, 1, NULL, '2026-10-19 09:15:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000021'), 'in_progress', @admin, 5, 1, '단말기 제조사에 점검을 요청한 결과 통신 모듈 교체가 필요한 것으로 확인되었습니다. 부품이 도착하는 대로 수리를 마칠 예정입니다.', '2026-10-19 11:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000024'), 'assigned', @admin, 8, 1, NULL, '2026-10-19 15:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000011'), 'closed', @admin, 15, 1, NULL, '2026-10-20 09:40:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000024'), 'answered', @admin, 8, 1, '안녕하십니까. 마당시 청소행정과입니다. 대형 폐기물은 마당시 누리집의 ''대형폐기물 배출 신고'' 메뉴에서 인터넷으로 신고하실 수 있습니다. 신고 후 받으신 배출번호를 종이에 적어 폐기물에 붙이고, 지정한 날짜에 집 앞에 내놓으시면 됩니다. 수수료는 품목과 크기에 따라 다르며 신고 화면에서 바로 확인하실 수 있습니다. 인터넷 신고가 어려우시면 가까운 행정복지센터에서 스티커를 구입하셔도 됩니다. 감사합니다.', '2026-10-20 10:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000022'), 'in_progress', @admin, 4, 1, '10월 20일 현장을 확인하였습니다. 빗물받이 준설 작업을 이번 주 도로 청소 일정에 포함하였으며, 주변 빗물받이도 함께 점검하고 있습니다.', '2026-10-20 16:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000026'), 'assigned', @admin, 11, 1, NULL, '2026-10-21 12:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000026'), 'answered', @admin, 11, 1, '안녕하십니까. 마당시 복지정책과입니다. 알려 주신 어르신 댁에 오늘 오후 다솜동 행정복지센터 맞춤형복지팀이 방문하였습니다. 어르신께서는 감기 몸살로 며칠 동안 외출을 못 하고 계셨으며, 병원 진료를 연계해 드려 지금은 회복 중이십니다. 앞으로 주 1회 안부 전화와 방문 돌봄 서비스를 제공할 예정입니다. 이웃을 살펴 주신 따뜻한 관심에 감사드립니다.', '2026-10-21 17:20:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000027'), 'assigned', @admin, 5, 1, NULL, '2026-10-22 10:30:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000029'), 'assigned', @admin, 7, 1, NULL, '2026-10-26 09:40:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000027'), 'in_progress', @admin, 5, 1, '공유 전동킥보드 운영 업체 세 곳에 해당 구역에 방치된 기기를 즉시 수거하도록 요청하였습니다. 아울러 마당역 2번 출구 주변에 전용 주차구역을 지정하는 방안을 검토하고 있습니다.', '2026-10-26 14:10:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000026'), 'closed', @admin, 11, 1, NULL, '2026-10-27 10:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000032'), 'assigned', @admin, 2, 1, NULL, '2026-10-29 11:00:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000034'), 'assigned', @admin, 15, 1, NULL, '2026-11-02 09:05:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000034'), 'in_progress', @admin, 15, 1, '오늘 현장 점검 결과 가림막 지지대 일부가 느슨해진 것을 확인하고, 시공사에 즉시 보강하도록 조치하였습니다. 보강이 끝나면 다시 현장을 확인할 예정입니다.', '2026-11-02 16:40:00'),
  ((SELECT id FROM cases WHERE tracking_no = '2026-000045'), 'assigned', @admin, 15, 1, NULL, '2026-11-16 09:30:00');

-- Staff of the demo office. Their password is set by madangctl seed-demo
-- (the one it prints); '!' can never sign in.
INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang, active, created_at, updated_at) VALUES
  ('civil.han', '!', '한민원', 'civil.han@madang.example', '01070000002', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('road.lee', '!', '이도로', 'road.lee@madang.example', '01070000004', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('road.park', '!', '박보도', 'road.park@madang.example', '01070000014', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('road.choi', '!', '최과장', 'road.choi@madang.example', '01070000024', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('traffic.kim', '!', '김교통', 'traffic.kim@madang.example', '01070000005', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('env.seo', '!', '서환경', 'env.seo@madang.example', '01070000007', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('clean.jung', '!', '정청소', 'clean.jung@madang.example', '01070000008', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('park.moon', '!', '문공원', 'park.moon@madang.example', '01070000009', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('welfare.bae', '!', '배복지', 'welfare.bae@madang.example', '01070000011', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('build.yoo', '!', '유건축', 'build.yoo@madang.example', '01070000013', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('safety.ahn', '!', '안안전', 'safety.ahn@madang.example', '01070000015', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('agent.song', '!', '송상담', 'agent.song@madang.example', '01070000020', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00'),
  ('viewer.oh', '!', '오열람', 'viewer.oh@madang.example', '01070000021', 'staff', 'ko', 1, '2026-01-02 09:00:00', '2026-01-02 09:00:00');

-- Memberships and graded roles (the supervisor 'admin' is global).
INSERT INTO staff_departments (account_id, department_id)
  SELECT a.id, m.dept FROM accounts a JOIN (
    SELECT 'admin' AS login, 2 AS dept UNION ALL SELECT 'civil.han', 2 UNION ALL SELECT 'road.lee', 4
    UNION ALL SELECT 'road.park', 4 UNION ALL SELECT 'road.choi', 4 UNION ALL SELECT 'traffic.kim', 5
    UNION ALL SELECT 'env.seo', 7 UNION ALL SELECT 'clean.jung', 8 UNION ALL SELECT 'park.moon', 9
    UNION ALL SELECT 'welfare.bae', 11 UNION ALL SELECT 'build.yoo', 13 UNION ALL SELECT 'safety.ahn', 15
  ) m ON m.login = a.login_id;
INSERT INTO staff_roles (account_id, role, department_id, with_subtree)
  SELECT a.id, m.role, m.dept, 1 FROM accounts a JOIN (
    SELECT 'admin' AS login, 'supervisor' AS role, NULL AS dept
    UNION ALL SELECT 'civil.han', 'handler', 2 UNION ALL SELECT 'civil.han', 'manager', 2
    UNION ALL SELECT 'road.lee', 'handler', 4 UNION ALL SELECT 'road.park', 'handler', 4
    UNION ALL SELECT 'road.choi', 'manager', 4 UNION ALL SELECT 'traffic.kim', 'handler', 5
    UNION ALL SELECT 'env.seo', 'handler', 7 UNION ALL SELECT 'clean.jung', 'handler', 8
    UNION ALL SELECT 'park.moon', 'handler', 9 UNION ALL SELECT 'welfare.bae', 'handler', 11
    UNION ALL SELECT 'build.yoo', 'handler', 13 UNION ALL SELECT 'safety.ahn', 'handler', 15
    UNION ALL SELECT 'agent.song', 'agent', NULL UNION ALL SELECT 'viewer.oh', 'viewer', NULL
  ) m ON m.login = a.login_id;

-- Routing rules (분류별 처리지침).
UPDATE categories SET mode = 'round_robin' WHERE id IN (1, 3, 5);
UPDATE categories SET mode = 'random' WHERE id IN (2, 4);
UPDATE categories SET needs_approval = 1, deadline_days = 10 WHERE id = 7;
UPDATE categories SET deadline_days = 14 WHERE id = 6;
INSERT INTO category_joint_departments (category_id, department_id) VALUES (8, 4);

-- Public holidays (공휴일) around the demo's dates.
INSERT INTO holidays (day, name) VALUES
  ('2026-10-03', '개천절'), ('2026-10-05', '대체공휴일'), ('2026-10-09', '한글날'),
  ('2026-12-25', '성탄절'), ('2027-01-01', '신정'), ('2027-02-06', '설날 연휴'),
  ('2027-02-07', '설날'), ('2027-02-08', '설날 연휴'), ('2027-02-09', '대체공휴일'),
  ('2027-03-01', '삼일절'), ('2027-05-05', '어린이날'), ('2027-05-13', '부처님오신날'),
  ('2027-06-06', '현충일'), ('2027-08-15', '광복절'), ('2027-08-16', '대체공휴일');

-- The demo cases' departments, handlers and deadlines, as routing would
-- have set them.
INSERT INTO case_departments (case_id, department_id, role, updated_at)
  SELECT id, department_id, 'lead', updated_at FROM cases WHERE department_id IS NOT NULL;
INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)
  SELECT c.id, (SELECT MIN(r.account_id) FROM staff_roles r WHERE r.role = 'handler' AND r.department_id = c.department_id),
    c.department_id, c.updated_at
  FROM cases c WHERE c.status <> 'received'
  AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.role = 'handler' AND r.department_id = c.department_id);
UPDATE cases SET due_at = DATE(created_at) + INTERVAL 9 DAY + INTERVAL 18 HOUR, last_action_at = updated_at,
  answered_at = IF(status IN ('answered', 'closed'), updated_at, NULL),
  closed_at = IF(status = 'closed', updated_at, NULL);
UPDATE cases SET is_example = 1 WHERE status IN ('answered', 'closed') AND is_public = 1 ORDER BY id LIMIT 3;

INSERT INTO tracking_counters (year, last_seq) VALUES (2026, 50)
  ON DUPLICATE KEY UPDATE last_seq = GREATEST(last_seq, 50);

-- Demo citizens take notices by SMS too (as a new citizen account does).
UPDATE accounts SET notify_sms = 1 WHERE kind = 'citizen';


-- Open311 (0025_open311.sql): one client application whose key is
-- published with the demo logins (app/ctl/main.c, DEMO_OPEN311_KEY; only
-- its SHA-256 is stored, as for a key a supervisor makes), and the
-- questions of the roads category (its service definition's attributes).
INSERT INTO accounts (name, kind, notify_email, notify_sms, created_at, updated_at)
  VALUES ('시민 앱 (데모)', 'guest', 0, 0, '2026-01-02 09:00:00', '2026-01-02 09:00:00');
INSERT INTO open311_clients (name, key_hash, key_prefix, rate_per_min, guest_id, created_at)
  VALUES ('시민 앱 (데모)', SHA2('madang-open311-demo-2026', 256), 'madang-o', 600, LAST_INSERT_ID(), '2026-01-02 09:00:00');
INSERT INTO category_questions (category_id, code, datatype, required, question_ko, question_en, value_list, sort_order) VALUES
  (1, 'damage', 'singlevaluelist', 1, '어떤 파손인가요?', 'What is damaged?',
   'pothole=포트홀(도로 패임)\nsidewalk=보도블록 파손\nsign=표지판 파손', 10),
  (1, 'size_cm', 'number', 0, '파손 부분의 크기(cm)', 'Size of the damage (cm)', NULL, 20);
